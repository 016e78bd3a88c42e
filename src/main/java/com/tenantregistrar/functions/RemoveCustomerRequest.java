package com.tenantregistrar.functions;

import java.util.List;

/** The body of {@code removeCustomer}. */
public class RemoveCustomerRequest extends CallerRequest {

    private String customerSubscriptionId;
    private List<String> registrations;

    public String getCustomerSubscriptionId() {
        return customerSubscriptionId;
    }

    public void setCustomerSubscriptionId(String customerSubscriptionId) {
        this.customerSubscriptionId = customerSubscriptionId;
    }

    /**
     * Registration aliases, or {@code ["*"]} for every configured registration. Required, so that removing the
     * customer everywhere is always asked for explicitly.
     */
    public List<String> getRegistrations() {
        return registrations;
    }

    public void setRegistrations(List<String> registrations) {
        this.registrations = registrations;
    }
}
