package com.tenantregistrar.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.tenantregistrar.journal.Intent;

/**
 * What {@code registerCustomer} does on one registration, decided from the entries read from it in the same call.
 * ARM keeps one subscription per tenant per registration, so a PUT may change the subscription's tenant or unmap the
 * tenant's other subscription, taking billing from it: that is done only when the caller asked to replace, and is a
 * conflict otherwise. A subscription already registered with the tenant needs no PUT.
 *
 * @param action what to do on the registration
 * @param previousTenantId the subscription's tenant, which the PUT changes ({@link Action#REWRITE})
 * @param previousSubscriptionId the tenant's other subscription, which the PUT unmaps ({@link Action#REPLACE}, or a
 *        {@link Action#REWRITE} that also does that)
 * @param conflict what is registered now and what the PUT would change ({@link Action#CONFLICT})
 */
public record RegistrationDecision(Action action, String previousTenantId, String previousSubscriptionId,
        String conflict) {

    /** What to do on the registration. */
    public enum Action {
        /** The subscription is registered with the tenant already: no PUT. */
        UNCHANGED,
        /** Neither the subscription nor the tenant is there: a PUT that changes nothing else. */
        PUT,
        /** A PUT that changes the subscription's tenant. */
        REWRITE,
        /** A PUT that unmaps the tenant's other subscription. */
        REPLACE,
        /** The PUT would change what is registered, and the caller did not ask to replace: no PUT. */
        CONFLICT
    }

    /**
     * Decides for the customer subscription and its tenant against {@code entries}, every entry of one registration.
     *
     * @param replace whether the caller allows the PUT to change the subscription's tenant or unmap the tenant's
     *        other subscription
     */
    public static RegistrationDecision decide(List<RegisteredCustomer> entries, Guid subscription, Guid tenant,
            boolean replace) {
        Optional<RegisteredCustomer> entry = entries.stream()
                .filter(e -> e.customerSubscriptionId().equalsIgnoreCase(subscription.value())).findFirst();
        if (entry.isPresent() && entry.get().tenantId().equalsIgnoreCase(tenant.value())) {
            return new RegistrationDecision(Action.UNCHANGED, null, null, null);
        }
        Optional<RegisteredCustomer> tenantsOther = entries.stream()
                .filter(e -> e.tenantId().equalsIgnoreCase(tenant.value())).findFirst();
        String previousTenant = entry.map(RegisteredCustomer::tenantId).orElse(null);
        String previousSubscription = tenantsOther.map(RegisteredCustomer::customerSubscriptionId).orElse(null);
        if (previousTenant == null && previousSubscription == null) {
            return new RegistrationDecision(Action.PUT, null, null, null);
        }
        if (!replace) {
            String registration = entry.or(() -> tenantsOther).orElseThrow().registration();
            return new RegistrationDecision(Action.CONFLICT, previousTenant, previousSubscription,
                    conflict(registration, subscription, tenant, previousTenant, previousSubscription));
        }
        return new RegistrationDecision(previousTenant != null ? Action.REWRITE : Action.REPLACE, previousTenant,
                previousSubscription, null);
    }

    /** How the PUT is journaled; only for the actions that PUT. */
    public Intent intent() {
        return switch (action) {
            case PUT -> Intent.REGISTER;
            case REWRITE -> Intent.rewrite(previousTenantId, previousSubscriptionId);
            case REPLACE -> Intent.replace(previousSubscriptionId);
            case UNCHANGED, CONFLICT -> throw new IllegalStateException(action + " makes no PUT");
        };
    }

    private static String conflict(String registration, Guid subscription, Guid tenant, String previousTenant,
            String previousSubscription) {
        List<String> now = new ArrayList<>();
        List<String> change = new ArrayList<>();
        if (previousTenant != null) {
            now.add("customer subscription " + subscription + " is registered with tenant " + previousTenant);
            change.add("change its tenant to " + tenant);
        }
        if (previousSubscription != null) {
            now.add("tenant " + tenant + " is registered with customer subscription " + previousSubscription);
            change.add("unmap " + previousSubscription + " from the tenant (a registration holds one subscription "
                    + "per tenant)");
        }
        return "On " + registration + ", " + String.join(", and ", now) + ": registering " + subscription
                + " with tenant " + tenant + " would " + String.join(" and ", change) + ". Nothing was changed there; "
                + "send \"replace\": true to make the change.";
    }
}
