package com.tenantregistrar.registration;

import java.util.Locale;

/**
 * One Azure Stack registration ({@code Microsoft.AzureStack/registrations}) that customers are registered on.
 *
 * @param alias the name callers use for it
 * @param resourceId its ARM resource ID, starting with {@code /subscriptions/}
 */
public record Registration(String alias, String resourceId) {

    /** The ARM resource ID of one customer subscription under this registration. */
    public String customerSubscriptionId(String customerSubscriptionId) {
        return customerSubscriptionsCollection() + "/" + customerSubscriptionId;
    }

    /**
     * The Azure subscription the registration lives in, lower case: ARM throttles each subscription's writes on
     * their own.
     */
    public String armSubscription() {
        String[] segments = resourceId.replaceFirst("^/", "").split("/");
        return segments.length > 1 ? segments[1].toLowerCase(Locale.ROOT) : "";
    }

    /** The ARM resource ID of the customerSubscriptions collection under this registration. */
    public String customerSubscriptionsCollection() {
        return resourceId + "/customerSubscriptions";
    }
}
