package com.tenantregistrar.drift;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.tenantregistrar.registration.Registration;

/**
 * The operator's manifest (REGISTRAR_DESIRED_STATE). Alone it is the whole desired state; beside Partner Center it
 * overrides it per tenant ({@link ManifestOverrides}), and may then exclude tenants ({@code "registrations": []}).
 *
 * @param customers each customer subscription with its tenant and the registrations it belongs on
 * @param excludedTenants tenants that belong on no registration (only beside Partner Center)
 */
public record Manifest(List<DesiredCustomer> customers, Set<String> excludedTenants) implements DesiredState {

    /** A manifest that excludes nobody. */
    public Manifest(List<DesiredCustomer> customers) {
        this(customers, Set.of());
    }

    /** One customer subscription of the manifest. */
    public record DesiredCustomer(String customerSubscriptionId, String tenantId, List<Registration> registrations) {
    }

    @Override
    public Map<String, String> expectedOn(Registration registration) {
        Map<String, String> expected = new LinkedHashMap<>();
        customers.stream().filter(c -> c.registrations().contains(registration))
                .forEach(c -> expected.put(c.customerSubscriptionId(), c.tenantId()));
        return expected;
    }

    /** Every tenant the manifest speaks for: pinned or excluded. */
    public Set<String> tenants() {
        Set<String> tenants = new LinkedHashSet<>(excludedTenants);
        customers.forEach(c -> tenants.add(c.tenantId()));
        return tenants;
    }
}
