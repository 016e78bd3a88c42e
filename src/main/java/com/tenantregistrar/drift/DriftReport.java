package com.tenantregistrar.drift;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.tenantregistrar.error.ErrorBody;

/**
 * What a drift check found and did; the same for the timer ({@code driftCheck}) and for HTTP ({@code checkDrift}).
 *
 * @param inSync whether every registration could be read and matched what it should hold
 * @param mode {@code report} or {@code reconcile}
 * @param partnerCenter what the Partner Center read found; absent when Partner Center is no source
 * @param missing customers that should be registered and are not, with when a check first saw each missing
 * @param unexpected customers registered that should not be
 * @param inactive customers registered whose Azure subscription Partner Center lists as suspended or disabled: they
 *        stay registered (their usage stays theirs), and are not added where they are missing
 * @param tenantMismatch customers registered with another tenant than they should be
 * @param ambiguous tenants with several active Azure subscriptions and no way to choose one without guessing
 * @param undecided tenants whose customer the Partner Center walk stepped over ({@code partnerCenter.skipped}):
 *        nothing of theirs is removed or rewritten until a generation reads them
 * @param actions the writes a reconcile run made, skipped or held, in the order it took them
 * @param registrations per registration: how many are registered, how many should be, and why it could not be read
 * @param registered customers registered as they should be, so that the report names every customer's state on every
 *        registration it was read from (the coverage page's matrix)
 * @param companies the Partner Center company name of each customer with Azure subscriptions, for people to read
 */
public record DriftReport(boolean inSync, String mode,
        @JsonInclude(JsonInclude.Include.NON_NULL) PartnerCenterSummary partnerCenter, List<Missing> missing,
        List<Unexpected> unexpected, List<Inactive> inactive, List<TenantMismatch> tenantMismatch,
        List<AmbiguousTenant> ambiguous, List<String> undecided, List<Action> actions,
        List<RegistrationSummary> registrations, List<Registered> registered, List<Company> companies) {

    /** How many per-subscription lines the timer's {@code Logs} carry at most, besides the summary. */
    static final int MAX_LOG_LINES = 50;

    /** A report of {@code comparison} in {@code mode}, with the actions a reconcile run took. */
    static DriftReport of(DriftComparison comparison, String mode, List<Action> actions) {
        return of(comparison, mode, actions, DriftMemory.Remembered.NOTHING, Map.of());
    }

    /**
     * The same, each missing and unexpected customer with since when a check has seen it so, when known.
     *
     * @param companyNames tenant ID to its company name in Partner Center
     */
    static DriftReport of(DriftComparison comparison, String mode, List<Action> actions,
            DriftMemory.Remembered remembered, Map<String, String> companyNames) {
        List<Missing> missing = comparison.missing().stream().map(m -> new Missing(m.registration(),
                m.customerSubscriptionId(), m.tenantId(), text(remembered.missingSince().get(m)))).toList();
        List<Unexpected> unexpected = comparison.unexpected().stream().map(u -> new Unexpected(u.registration(),
                u.customerSubscriptionId(), u.tenantId(),
                text(remembered.unexpectedSince(u.registration(), u.customerSubscriptionId())))).toList();
        return new DriftReport(comparison.inSync(), mode, comparison.partnerCenter(), missing, unexpected,
                comparison.inactive(), comparison.tenantMismatch(), comparison.ambiguous(), comparison.undecided(),
                actions, comparison.registrations(), comparison.registered().stream()
                        .map(r -> new Registered(r.registration(), r.customerSubscriptionId(), r.tenantId())).toList(),
                companyNames.entrySet().stream().map(e -> new Company(e.getKey(), e.getValue())).toList());
    }

    private static String text(Instant time) {
        return time == null ? null : time.toString();
    }

    /**
     * A customer subscription that should be registered and is not.
     *
     * @param since when a drift check first saw it missing there (kept in the storage account); absent without one
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Missing(String registration, String customerSubscriptionId, String tenantId, String since) {
    }

    /**
     * A customer subscription registered that should not be.
     *
     * @param since since when drift checks have seen it so without a break (kept in the storage account, opened only
     *        on a complete view); the removal grace counts from there; absent without one
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Unexpected(String registration, String customerSubscriptionId, String tenantId, String since) {
    }

    /** A Partner Center customer's company name. */
    public record Company(String tenantId, String companyName) {
    }

    /** A customer subscription registered as it should be, with the tenant it should have. */
    public record Registered(String registration, String customerSubscriptionId, String tenantId) {
    }

    /**
     * A registered customer subscription that Partner Center lists as not active but not gone.
     *
     * @param tenantId the tenant it is registered with
     * @param status its Partner Center status ({@code suspended}, {@code disabled}, ...): for an Azure plan's
     *        subscription, the entitlement's, or the plan's when the plan is not active
     */
    public record Inactive(String registration, String customerSubscriptionId, String tenantId, String status) {
    }

    /** A customer subscription registered with another tenant than the manifest says. */
    public record TenantMismatch(String registration, String customerSubscriptionId, String expectedTenantId,
            String actualTenantId) {
    }

    /**
     * One write of a reconcile run.
     *
     * @param action {@code register}, {@code replace} (a missing customer whose tenant holds another subscription
     *        there, which ARM unmaps), {@code rewrite} (the tenant of a registered customer) or {@code remove}
     * @param status {@code registered}, {@code removed}, {@code absent}, {@code failed}, {@code skipped} (not tried
     *        in this run, see {@code reason}: a failure of the run, except {@code changed}) or {@code held} (held back
     *        by design, see {@code reason}: not a failure of the writes)
     * @param reason why it was skipped or held
     * @param error why it failed
     * @param previousSubscriptionId the subscription the PUT unmaps (or unmapped), its tenant's one there now
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Action(String action, String registration, String customerSubscriptionId, String status,
            Reason reason, ErrorBody error, String previousSubscriptionId) {

        /** One line for the Functions log. */
        String logLine() {
            String why = reason != null ? " (" + reason.code() + ")" : error != null ? " (" + error.code() + ")" : "";
            String replacing = previousSubscriptionId == null ? "" : " over " + previousSubscriptionId;
            return action + " " + customerSubscriptionId + replacing + " on " + registration + ": " + status + why;
        }
    }

    /** Why a write was skipped or held. */
    public enum Reason {
        /** Held: the run's destructive writes reached REGISTRAR_DRIFT_MAX_REMOVALS. */
        REMOVAL_BUDGET("removalBudget"),
        /**
         * Held: the Partner Center generation is implausible (empty while the registrations hold entries, or shrunk
         * by more than REGISTRAR_PARTNER_CENTER_MAX_SHRINK since the previous complete one).
         */
        PARTNER_CENTER_IMPLAUSIBLE("partnerCenterImplausible"),
        /**
         * Held: no complete Partner Center generation began after the entry was first seen as it is (after the app
         * last wrote it, or it was last expected): it may be a customer onboarded since.
         */
        RECENTLY_WRITTEN("recentlyWritten"),
        /** Held: the entry has not been unexpected without a break for REGISTRAR_DRIFT_REMOVAL_GRACE. */
        GRACE("grace"),
        /**
         * Held: the write would unmap a subscription Partner Center lists as inactive (suspended, disabled), which
         * stays registered where it is.
         */
        INACTIVE("inactive"),
        /**
         * Skipped: right before the write, ARM no longer showed the entry with the tenant the decision was made on;
         * nothing was written, and the next run decides again. Not a failure of the run.
         */
        CHANGED("changed"),
        /**
         * Held: the write touches a tenant whose customer the Partner Center walk stepped over (its reads kept
         * failing), so nothing known of that tenant is proof.
         */
        PARTNER_CENTER_UNDECIDED("partnerCenterUndecided"),
        /** Held: Partner Center could not be read in full, so what it leaves out is not known to be unwanted. */
        PARTNER_CENTER_INCOMPLETE("partnerCenterIncomplete"),
        /**
         * Held: the last complete read of Partner Center (a generation of the resumable walk) is older than
         * REGISTRAR_PARTNER_CENTER_MAX_AGE, and this run did not complete a newer one.
         */
        PARTNER_CENTER_TOO_OLD("partnerCenterTooOld"),
        /** Skipped: the run's additions reached REGISTRAR_DRIFT_MAX_WRITES. */
        WRITE_CAP("writeCap"),
        /** Skipped: the run reached REGISTRAR_DRIFT_DEADLINE before it could make the write; next, it goes first. */
        DEADLINE("deadline"),
        /**
         * Skipped: ARM throttled the run's writes (429) and asked it to wait past REGISTRAR_DRIFT_DEADLINE, or (a
         * webhook's writes, which do not wait) an earlier write of the run was throttled.
         */
        THROTTLED("throttled"),
        /** Skipped: an earlier write of the run failed transiently (5xx, timeout, no token). */
        UPSTREAM_FAILURE("upstreamFailure");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        @JsonValue
        public String code() {
            return code;
        }
    }

    /** One registration's totals; {@code expected} is absent without a manifest, {@code error} when unreadable. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RegistrationSummary(String registration, Integer registered, Integer expected, ErrorBody error) {
    }

    /** One line for the Functions log (Application Insights); Partner Center's figures when it is a source. */
    public String summary() {
        long unreadable = registrations.stream().filter(r -> r.error() != null).count();
        String line = String.format("driftCheck (%s): %s; %d registrations (%d unreadable), %d missing, %d unexpected, "
                + "%d tenant mismatches, %d actions (%d failed, %d skipped, %d held)", mode,
                inSync ? "in sync" : "DRIFT", registrations.size(), unreadable, missing.size(), unexpected.size(),
                tenantMismatch.size(), actions.size(), count("failed"), count("skipped"), count("held"));
        if (partnerCenter == null) {
            return line;
        }
        return line + String.format("; Partner Center: %d customers, %d Azure subscriptions, %d ambiguous tenants, %s",
                partnerCenter.customers(), partnerCenter.azureSubscriptions(), ambiguous.size(),
                partnerCenter.complete() ? "complete" : "INCOMPLETE (" + partnerCenter.failure().code() + ")");
    }

    /**
     * The summary, then a line per unreadable registration, per ambiguous tenant and per action (written, failed, skipped or held), at
     * most {@value #MAX_LOG_LINES} of those and then how many more the report holds, and {@code where} it is.
     */
    public List<String> logLines(String where) {
        List<String> details = new ArrayList<>();
        registrations.stream().filter(r -> r.error() != null)
                .forEach(r -> details.add("registration " + r.registration() + ": unreadable (" + r.error().code() + ")"));
        ambiguous.forEach(a -> details.add("tenant " + a.tenantId() + ": ambiguous, candidates "
                + String.join(", ", a.candidates())));
        actions.forEach(a -> details.add(a.logLine()));
        List<String> lines = new ArrayList<>();
        lines.add(summary());
        lines.addAll(details.subList(0, Math.min(MAX_LOG_LINES, details.size())));
        if (details.size() > MAX_LOG_LINES) {
            lines.add("... " + (details.size() - MAX_LOG_LINES) + " more in the report (" + where + ")");
        }
        return lines;
    }

    private long count(String status) {
        return actions.stream().filter(a -> status.equals(a.status())).count();
    }
}
