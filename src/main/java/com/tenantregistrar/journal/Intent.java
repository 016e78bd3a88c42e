package com.tenantregistrar.journal;

/**
 * What the caller of an ARM write knows of the change before it is made, for its journal record: the action, and
 * the tenant the subscription had before (known to the drift check, which has read the registration; not to
 * {@code registerCustomer} or {@code removeCustomer}, which write without reading).
 *
 * @param action {@code register}, {@code rewrite} or {@code remove}
 * @param previousTenantId the tenant before the write, or {@code null} when not known
 */
public record Intent(String action, String previousTenantId) {

    /** A PUT of a customer subscription whose earlier state is not known. */
    public static final Intent REGISTER = new Intent("register", null);

    /** A DELETE of a customer subscription whose tenant is not known. */
    public static final Intent REMOVE = new Intent("remove", null);

    /** A PUT of a new tenant over {@code previousTenantId}. */
    public static Intent rewrite(String previousTenantId) {
        return new Intent("rewrite", previousTenantId);
    }

    /** A DELETE of a customer subscription registered with {@code tenantId}. */
    public static Intent remove(String tenantId) {
        return new Intent("remove", tenantId);
    }
}
