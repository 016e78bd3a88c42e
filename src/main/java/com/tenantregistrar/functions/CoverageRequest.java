package com.tenantregistrar.functions;

/** The query of {@code coverage}: every parameter optional. */
public class CoverageRequest extends CallerRequest {

    private String registration;
    private String tenantId;
    private String status;

    /** Only this registration (an alias). */
    public String getRegistration() {
        return registration;
    }

    public void setRegistration(String registration) {
        this.registration = registration;
    }

    /** Only this tenant (a GUID). */
    public String getTenantId() {
        return tenantId;
    }

    public void setTenantId(String tenantId) {
        this.tenantId = tenantId;
    }

    /** Only entries in this state: registered, missing, unexpected, inactive, ambiguous or tenantMismatch. */
    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }
}
