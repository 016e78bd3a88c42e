package com.tenantregistrar.functions;

import java.util.List;

/** The body of {@code registerCustomer}. */
public class RegisterCustomerRequest extends CallerRequest {

    private String customerSubscriptionId;
    private String tenantId;
    private List<String> registrations;
    private Object replace;

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

    /**
     * Whether a registration's PUT may change what is registered there: the subscription's tenant, or the tenant's
     * other subscription. Read as sent, so that only a JSON boolean is taken (Jackson would turn {@code "true"} or
     * {@code 1} into one).
     */
    public Object getReplace() {
        return replace;
    }

    public void setReplace(Object replace) {
        this.replace = replace;
    }
}
