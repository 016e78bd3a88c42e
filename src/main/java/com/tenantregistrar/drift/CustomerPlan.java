package com.tenantregistrar.drift;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.tenantregistrar.partnercenter.CustomerAzureSubscriptions;
import com.tenantregistrar.registration.Registration;

/**
 * What the webhook's one-customer reconcile reads and writes, so that an event costs the same on a registration of
 * ten entries and of ten thousand: it reads, with a GET per entry on each registration, only the entries that can
 * be the customer's ({@link #entries}), and the whole list of a registration only where the customer's entry is
 * missing ({@link #toList}): ARM has no filter by tenant, and the PUT would unmap the tenant's other subscription
 * there (one per tenant), which the webhook never does, so that one must be known first. Pure.
 */
public final class CustomerPlan {

    private CustomerPlan() {
    }

    /**
     * The entries to read on each registration: the customer's Azure subscriptions as Partner Center lists them
     * (active or inactive: the registration rule prefers a registered one) and those the manifest pins for its
     * tenant.
     */
    public static List<String> entries(CustomerAzureSubscriptions customer, Optional<Manifest> manifest) {
        Set<String> entries = new LinkedHashSet<>(customer.azureSubscriptionIds());
        entries.addAll(customer.inactive().keySet());
        manifest.ifPresent(m -> m.customers().stream().filter(c -> c.tenantId().equals(customer.tenantId()))
                .forEach(c -> entries.add(c.customerSubscriptionId())));
        return List.copyOf(entries);
    }

    /**
     * The registrations where {@code desired} expects an entry of {@code tenant} that {@code entries} (what the
     * GETs found, registration by registration) does not hold: where a PUT may be needed, whose whole list is read
     * first. A registration that could not be read is not listed: it is unreadable either way.
     */
    public static List<Registration> toList(DesiredState desired, List<Holdings> entries, String tenant) {
        return entries.stream()
                .filter(h -> h.failure() == null && desired.expectedOn(h.registration()).entrySet().stream()
                        .anyMatch(e -> e.getValue().equals(tenant) && !h.customers().containsKey(e.getKey())))
                .map(Holdings::registration)
                .toList();
    }

    /**
     * The additions of {@code tenant} that unmap nothing ({@link ReconcilePlan#additions}): one event speaks for one
     * customer, so nothing of another tenant is written on its strength.
     */
    public static List<PlannedWrite> additions(DriftComparison comparison, String tenant) {
        return ReconcilePlan.additions(comparison).stream().filter(w -> tenant.equals(w.tenantId())).toList();
    }
}
