package com.tenantregistrar.partnercenter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One customer's Azure subscriptions as registration cares: those that should be registered (the active
 * entitlements of its active Azure plans, and the Azure subscriptions of its active legacy CSP Azure offers), and
 * those that are not active but not gone either (a suspended plan's, a disabled or suspended entitlement), which
 * stay registered where they are: the customer is still the one billed.
 *
 * @param tenantId the customer's Entra tenant (its Partner Center customer ID), lower case
 * @param azureSubscriptionIds the active Azure subscription IDs, lower case, each once, in Partner Center's order
 * @param inactive the inactive Azure subscription IDs, lower case, with their Partner Center status (for a
 *        suspended plan's entitlements, the plan's); never one of {@code azureSubscriptionIds}
 * @param companyName the customer's company name in Partner Center ({@code companyProfile.companyName}), for people
 *        to read; null where it was not read (one customer read for a webhook event, chunks stored before it was)
 */
public record CustomerAzureSubscriptions(String tenantId, List<String> azureSubscriptionIds,
        Map<String, String> inactive, String companyName) {

    public CustomerAzureSubscriptions {
        azureSubscriptionIds = List.copyOf(azureSubscriptionIds);
        Map<String, String> onlyInactive = new LinkedHashMap<>(inactive == null ? Map.of() : inactive);
        onlyInactive.keySet().removeAll(azureSubscriptionIds);
        inactive = Collections.unmodifiableMap(onlyInactive);
    }

    /** A customer whose name was not read. */
    public CustomerAzureSubscriptions(String tenantId, List<String> azureSubscriptionIds,
            Map<String, String> inactive) {
        this(tenantId, azureSubscriptionIds, inactive, null);
    }

    /** A customer without inactive Azure subscriptions. */
    public CustomerAzureSubscriptions(String tenantId, List<String> azureSubscriptionIds) {
        this(tenantId, azureSubscriptionIds, Map.of());
    }

    /** The same customer, named {@code name}. */
    public CustomerAzureSubscriptions named(String name) {
        return new CustomerAzureSubscriptions(tenantId, azureSubscriptionIds, inactive, name);
    }

    /** Whether Partner Center lists any Azure subscription of it, active or inactive. */
    public boolean hasAzure() {
        return !azureSubscriptionIds.isEmpty() || !inactive.isEmpty();
    }
}
