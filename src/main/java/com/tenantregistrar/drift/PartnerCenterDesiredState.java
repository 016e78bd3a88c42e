package com.tenantregistrar.drift;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.tenantregistrar.partnercenter.PartnerCenterSnapshot;
import com.tenantregistrar.registration.Registration;

/**
 * The desired state Partner Center gives: each customer's active Azure subscriptions, one per tenant chosen by the
 * {@link RegistrationRule}, on every registration.
 *
 * @param chosen tenant to its subscription
 * @param registrations every configured registration
 * @param ambiguous tenants the rule could not choose for
 * @param inactive the customers' inactive Azure subscriptions, kept where registered
 * @param summary what the read found, and whether it is complete
 */
public record PartnerCenterDesiredState(Map<String, String> chosen, List<Registration> registrations,
        List<AmbiguousTenant> ambiguous, Map<String, Inactive> inactive, PartnerCenterSummary summary)
        implements DesiredState {

    /** Applies the rule to what one read of Partner Center found, its removals held for {@code hold} (or not). */
    public static PartnerCenterDesiredState of(PartnerCenterSnapshot snapshot, List<Holdings> holdings,
            List<Registration> registrations, DriftReport.Reason hold) {
        Map<String, List<String>> candidates = new LinkedHashMap<>();
        Map<String, Inactive> inactive = new LinkedHashMap<>();
        snapshot.customers().forEach(c -> {
            candidates.put(c.tenantId(), c.azureSubscriptionIds());
            c.inactive().forEach((subscription, status) -> inactive.put(subscription,
                    new Inactive(c.tenantId(), status)));
        });
        return of(candidates, inactive, PartnerCenterSummary.of(snapshot, hold), holdings, registrations);
    }

    /** Applies the rule to {@code candidates} (tenant to its active Azure subscriptions) against {@code holdings}. */
    public static PartnerCenterDesiredState of(Map<String, ? extends Collection<String>> candidates,
            PartnerCenterSummary summary, List<Holdings> holdings, List<Registration> registrations) {
        return of(candidates, Map.of(), summary, holdings, registrations);
    }

    private static PartnerCenterDesiredState of(Map<String, ? extends Collection<String>> candidates,
            Map<String, Inactive> inactive, PartnerCenterSummary summary, List<Holdings> holdings,
            List<Registration> registrations) {
        RegistrationRule.Decision decision = RegistrationRule.decide(candidates, holdings);
        return new PartnerCenterDesiredState(decision.chosen(), List.copyOf(registrations), decision.ambiguous(),
                Map.copyOf(inactive), summary);
    }

    @Override
    public Map<String, String> expectedOn(Registration registration) {
        Map<String, String> expected = new LinkedHashMap<>();
        if (registrations.contains(registration)) {
            chosen.forEach((tenant, subscription) -> expected.put(subscription, tenant));
        }
        return expected;
    }

    @Override
    public Optional<PartnerCenterSummary> partnerCenter() {
        return Optional.of(summary);
    }
}
