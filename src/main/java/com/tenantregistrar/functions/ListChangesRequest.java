package com.tenantregistrar.functions;

/** The query of {@code listChanges}: every parameter optional ({@code top}: records per page, 1 to 1,000). */
public class ListChangesRequest extends NewestFirstQuery {

    private String customerSubscriptionId;
    private String tenantId;
    private String registration;
    private String caller;
    private String continuation;

    /** Only writes of this customer subscription (a GUID), and the replaces that unmapped it. */
    public String getCustomerSubscriptionId() {
        return customerSubscriptionId;
    }

    public void setCustomerSubscriptionId(String customerSubscriptionId) {
        this.customerSubscriptionId = customerSubscriptionId;
    }

    /** Only writes that put, replaced or removed this tenant (a GUID). */
    public String getTenantId() {
        return tenantId;
    }

    public void setTenantId(String tenantId) {
        this.tenantId = tenantId;
    }

    /** Only this registration (an alias). */
    public String getRegistration() {
        return registration;
    }

    public void setRegistration(String registration) {
        this.registration = registration;
    }

    /** Only writes of this caller, exactly as the records name it ({@code functionKey}, {@code name (id)}, …). */
    public String getCaller() {
        return caller;
    }

    public void setCaller(String caller) {
        this.caller = caller;
    }

    /** Where the page starts: the continuation of the previous page's nextLink. */
    public String getContinuation() {
        return continuation;
    }

    public void setContinuation(String continuation) {
        this.continuation = continuation;
    }
}
