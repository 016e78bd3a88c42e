package com.tenantregistrar.partnercenter;

import java.util.List;

import com.tenantregistrar.error.ErrorBody;

/**
 * What one walk of Partner Center read. An incomplete walk says why and keeps what it read: a customer it did not
 * reach is unknown, never "not a customer".
 *
 * @param customers the customers with at least one Azure subscription to register, by tenant ID
 * @param customerCount how many customers the walk read, with or without Azure subscriptions
 * @param azureSubscriptionCount how many Azure subscriptions {@code customers} holds in all
 * @param complete whether every customer was read
 * @param error why the walk is incomplete; null when complete
 */
public record PartnerCenterSnapshot(List<CustomerAzureSubscriptions> customers, int customerCount,
        int azureSubscriptionCount, boolean complete, ErrorBody error) {

    public PartnerCenterSnapshot {
        customers = List.copyOf(customers);
    }
}
