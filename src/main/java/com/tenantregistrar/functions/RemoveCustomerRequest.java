package com.tenantregistrar.functions;

import java.util.List;

/** The body of {@code removeCustomer}. */
public class RemoveCustomerRequest {

    private String customerSubscriptionId;
    private List<String> registrations;

    public String getCustomerSubscriptionId() {
        return customerSubscriptionId;
    }

    public void setCustomerSubscriptionId(String customerSubscriptionId) {
        this.customerSubscriptionId = customerSubscriptionId;
    }

    /** Registration aliases; none means every configured registration. */
    public List<String> getRegistrations() {
        return registrations;
    }

    public void setRegistrations(List<String> registrations) {
        this.registrations = registrations;
    }
}
