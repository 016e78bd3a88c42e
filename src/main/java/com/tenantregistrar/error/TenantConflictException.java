package com.tenantregistrar.error;

/**
 * A registration holds the customer subscription with another tenant, or the tenant with another subscription, and
 * the caller did not ask to replace it: 409 {@code TenantConflict}, and nothing is written there.
 */
public class TenantConflictException extends RegistrarException {

    public TenantConflictException(String message) {
        super(409, "TenantConflict", message);
    }
}
