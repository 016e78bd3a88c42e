package com.tenantregistrar.drift;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.tenantregistrar.error.ErrorBody;
import com.tenantregistrar.registration.RegisteredCustomer;

/**
 * What a drift check found and did; the same for the timer ({@code driftCheck}) and for HTTP ({@code checkDrift}).
 *
 * @param inSync whether every registration could be read and matched what it should hold
 * @param mode {@code report} or {@code reconcile}
 * @param missing customers that should be registered and are not
 * @param unexpected customers registered that should not be
 * @param tenantMismatch customers registered with another tenant than they should be
 * @param actions the writes a reconcile run made, or skipped
 * @param registrations per registration: how many are registered, how many should be, and why it could not be read
 */
public record DriftReport(boolean inSync, String mode, List<RegisteredCustomer> missing,
        List<RegisteredCustomer> unexpected, List<TenantMismatch> tenantMismatch, List<Action> actions,
        List<RegistrationSummary> registrations) {

    /** A customer subscription registered with another tenant than the manifest says. */
    public record TenantMismatch(String registration, String customerSubscriptionId, String expectedTenantId,
            String actualTenantId) {
    }

    /**
     * One write of a reconcile run.
     *
     * @param action {@code register} or {@code remove}
     * @param status {@code registered}, {@code removed}, {@code absent}, {@code failed}, or {@code skipped} (over
     *        the removal budget)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Action(String action, String registration, String customerSubscriptionId, String status,
            ErrorBody error) {
    }

    /** One registration's totals; {@code expected} is absent without a manifest, {@code error} when unreadable. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RegistrationSummary(String registration, Integer registered, Integer expected, ErrorBody error) {
    }

    /** One line for the Functions log (Application Insights). */
    public String summary() {
        long failedActions = actions.stream().filter(a -> "failed".equals(a.status())).count();
        long unreadable = registrations.stream().filter(r -> r.error() != null).count();
        return String.format("driftCheck (%s): %s; %d registrations (%d unreadable), %d missing, %d unexpected, "
                + "%d tenant mismatches, %d actions (%d failed)", mode, inSync ? "in sync" : "DRIFT",
                registrations.size(), unreadable, missing.size(), unexpected.size(), tenantMismatch.size(),
                actions.size(), failedActions);
    }
}
