package com.tenantregistrar.functions;

/** The query or body of {@code listRegisteredCustomers}. */
public class ListRegisteredCustomersRequest extends CallerRequest {

    private String registration;

    /** One registration alias; none means every configured registration. */
    public String getRegistration() {
        return registration;
    }

    public void setRegistration(String registration) {
        this.registration = registration;
    }
}
