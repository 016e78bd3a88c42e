package com.tenantregistrar.drift;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which of a tenant's Azure subscriptions goes on the registrations. A registration holds one subscription per
 * tenant, so: a tenant with one candidate gets it on every registration; with several, the one already registered
 * on some registration wins; otherwise the tenant is ambiguous and nothing is chosen. Never guessed. Pure.
 */
public final class RegistrationRule {

    private RegistrationRule() {
    }

    /**
     * The rule's choice.
     *
     * @param chosen tenant to its subscription, in the order the tenants came
     * @param ambiguous the tenants without a choice
     */
    public record Decision(Map<String, String> chosen, List<AmbiguousTenant> ambiguous) {
    }

    /**
     * Decides for each tenant of {@code candidates} (tenant to its active Azure subscriptions) against what the
     * registrations hold; a tenant without candidates gets nothing.
     */
    public static Decision decide(Map<String, ? extends Collection<String>> candidates, List<Holdings> holdings) {
        Set<String> registered = holdings.stream().flatMap(h -> h.customers().keySet().stream())
                .collect(Collectors.toSet());
        Map<String, String> chosen = new LinkedHashMap<>();
        List<AmbiguousTenant> ambiguous = new ArrayList<>();
        candidates.forEach((tenant, subscriptions) -> {
            List<String> distinct = subscriptions.stream().map(s -> s.toLowerCase(Locale.ROOT)).distinct().sorted()
                    .toList();
            List<String> alreadyRegistered = distinct.stream().filter(registered::contains).toList();
            if (distinct.size() == 1) {
                chosen.put(tenant, distinct.get(0));
            } else if (alreadyRegistered.size() == 1) {
                chosen.put(tenant, alreadyRegistered.get(0));
            } else if (!distinct.isEmpty()) {
                ambiguous.add(new AmbiguousTenant(tenant, distinct));
            }
        });
        return new Decision(chosen, List.copyOf(ambiguous));
    }
}
