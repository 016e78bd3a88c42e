package com.tenantregistrar.journal;

/**
 * What the caller of an ARM write knows of the change before it is made, for its journal record: the action, and
 * what was registered before that the write changes, when the caller read it first (a caller that writes without
 * reading knows none of it).
 *
 * @param action {@code register}, {@code rewrite}, {@code replace} or {@code remove}
 * @param previousTenantId the tenant before the write, or {@code null} when not known
 * @param previousSubscriptionId the tenant's subscription that the PUT unmapped (a registration holds one per
 *        tenant), or {@code null} when none was or it is not known
 */
public record Intent(String action, String previousTenantId, String previousSubscriptionId) {

    /** A PUT of a customer subscription that changes nothing registered before, or whose earlier state is not known. */
    public static final Intent REGISTER = new Intent("register", null, null);

    /** A DELETE of a customer subscription whose tenant is not known. */
    public static final Intent REMOVE = new Intent("remove", null, null);

    /** A PUT of a new tenant over {@code previousTenantId}. */
    public static Intent rewrite(String previousTenantId) {
        return rewrite(previousTenantId, null);
    }

    /** A PUT of a new tenant over {@code previousTenantId} that also unmaps the new tenant's other subscription. */
    public static Intent rewrite(String previousTenantId, String previousSubscriptionId) {
        return new Intent("rewrite", previousTenantId, previousSubscriptionId);
    }

    /** A PUT of a subscription for a tenant whose subscription was {@code previousSubscriptionId}. */
    public static Intent replace(String previousSubscriptionId) {
        return new Intent("replace", null, previousSubscriptionId);
    }

    /** A DELETE of a customer subscription registered with {@code tenantId}. */
    public static Intent remove(String tenantId) {
        return new Intent("remove", tenantId, null);
    }
}
