package com.tenantregistrar.drift;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.tenantregistrar.registration.Registration;

/**
 * Who should be registered where, as the operator's manifest says.
 *
 * @param customers each customer subscription with its tenant and the registrations it belongs on
 */
public record DesiredState(List<DesiredCustomer> customers) {

    /** One customer subscription of the manifest. */
    public record DesiredCustomer(String customerSubscriptionId, String tenantId, List<Registration> registrations) {
    }

    /** The customer subscriptions that should be on {@code registration}: subscription to tenant. */
    public Map<String, String> expectedOn(Registration registration) {
        Map<String, String> expected = new LinkedHashMap<>();
        customers.stream().filter(c -> c.registrations().contains(registration))
                .forEach(c -> expected.put(c.customerSubscriptionId(), c.tenantId()));
        return expected;
    }
}
