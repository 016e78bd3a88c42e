package com.tenantregistrar.partnercenter;

import java.util.List;

/**
 * One customer's Azure subscriptions that should be registered: the active entitlements of its active Azure plans,
 * and the Azure subscriptions of its active legacy CSP Azure offers.
 *
 * @param tenantId the customer's Entra tenant (its Partner Center customer ID), lower case
 * @param azureSubscriptionIds the Azure subscription IDs, lower case, each once, in Partner Center's order
 */
public record CustomerAzureSubscriptions(String tenantId, List<String> azureSubscriptionIds) {

    public CustomerAzureSubscriptions {
        azureSubscriptionIds = List.copyOf(azureSubscriptionIds);
    }
}
