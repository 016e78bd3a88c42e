package com.tenantregistrar.registration;

/**
 * A customer subscription found on a registration.
 *
 * @param registration the registration's alias
 * @param customerSubscriptionId the customer's Azure subscription, lower case
 * @param tenantId the customer's Microsoft Entra tenant, lower case
 */
public record RegisteredCustomer(String registration, String customerSubscriptionId, String tenantId) {
}
