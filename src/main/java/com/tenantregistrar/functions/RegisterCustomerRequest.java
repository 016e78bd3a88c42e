package com.tenantregistrar.functions;

import java.util.List;

/** The body of {@code registerCustomer}. */
public class RegisterCustomerRequest extends CallerRequest {

    private String customerSubscriptionId;
    private String tenantId;
    private List<String> registrations;

    public String getCustomerSubscriptionId() {
        return customerSubscriptionId;
    }

    public void setCustomerSubscriptionId(String customerSubscriptionId) {
        this.customerSubscriptionId = customerSubscriptionId;
    }

    public String getTenantId() {
        return tenantId;
    }

    public void setTenantId(String tenantId) {
        this.tenantId = tenantId;
    }

    /** Registration aliases, or {@code ["*"]} for every configured registration; absent also means every one. */
    public List<String> getRegistrations() {
        return registrations;
    }

    public void setRegistrations(List<String> registrations) {
        this.registrations = registrations;
    }
}
