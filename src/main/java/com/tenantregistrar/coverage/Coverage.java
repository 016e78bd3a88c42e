package com.tenantregistrar.coverage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.tenantregistrar.coverage.CoverageFilter.Status;
import com.tenantregistrar.drift.AmbiguousTenant;
import com.tenantregistrar.drift.DriftReport;
import com.tenantregistrar.drift.PartnerCenterSummary;
import com.tenantregistrar.error.ErrorBody;
import com.tenantregistrar.journal.DriftEntries.Entry;

/**
 * Who is on which registration, who is missing there since when, and what that costs, as of the last kept drift run:
 * the answer of {@code GET /coverage}. Pure: made of the run's report, the drift memory and a clock, by
 * {@link #of}.
 *
 * @param inSync whether the run found, or left, every registration as it should be
 * @param run which run the figures are of, and how old they are
 * @param total the figures of every registration that passes the filter
 * @param registrations each registration's figures
 * @param registered customer subscriptions registered as they should be
 * @param missing customer subscriptions that should be registered and are not: each one's usage is billed to the
 *        registration's own subscription, not to the customer
 * @param unexpected customer subscriptions registered that Partner Center (or the manifest) does not put there
 * @param inactive customer subscriptions registered whose Azure subscription is suspended or disabled: kept
 * @param ambiguous tenants whose subscription cannot be chosen without guessing (pin one in the manifest)
 * @param tenantMismatch customer subscriptions registered with another tenant than they should be
 * @param undecided tenants whose Partner Center customer the walk stepped over: nothing of theirs is removed or
 *        rewritten until a read of them succeeds
 * @param companies the Partner Center company names of the tenants, where the run read them
 * @param note how to read {@code unbilledCustomerDays}, and how to act on what this shows
 */
public record Coverage(boolean inSync, Run run, Figures total, List<Figures> registrations,
        List<Registered> registered, List<Missing> missing, List<Unexpected> unexpected,
        List<DriftReport.Inactive> inactive, List<AmbiguousTenant> ambiguous,
        List<DriftReport.TenantMismatch> tenantMismatch, List<Undecided> undecided, List<DriftReport.Company> companies,
        String note) {

    /** The statuses of a write that ARM took. */
    private static final Set<String> DONE = Set.of("registered", "removed", "absent", "accepted");

    static final String NOTE = "unbilledCustomerDays adds up, for each missing customer subscription, the days since "
            + "a drift check first saw it missing: while missing, its usage is billed to the registration's own "
            + "subscription. Multiply by your own daily rate for an estimate. These figures never change billing: "
            + "the timer function driftCheck repairs drift when REGISTRAR_DRIFT_MODE is reconcile, and "
            + "registerCustomer and removeCustomer change one customer subscription.";

    /**
     * The run the figures are of.
     *
     * @param runId its ID (absent for a report kept without one)
     * @param time when it started
     * @param ageMinutes how long ago, in whole minutes
     * @param partnerCenterGeneration the Partner Center generation it walked (with state storage)
     * @param partnerCenterComplete whether its Partner Center read was complete
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Run(String runId, String time, Long ageMinutes, String trigger, String mode, String outcome,
            Long partnerCenterGeneration, Boolean partnerCenterComplete) {
    }

    /**
     * One registration's figures, or the total's ({@code registration} absent).
     *
     * @param expected how many customer subscriptions should be registered (absent without a desired state)
     * @param registered how many are registered, as they should be or not
     * @param held how many of the unexpected and mismatched the run held back from a write, with a reason
     * @param unbilledCustomerDays the days missing of the missing ones, added up
     * @param oldestMissingSince since when the longest missing one has been missing
     * @param error why the registration could not be read in the run
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Figures(String registration, Integer expected, Integer registered, int missing, int unexpected,
            int held, int inactive, int ambiguous, int tenantMismatch, int undecided, BigDecimal unbilledCustomerDays,
            String oldestMissingSince, ErrorBody error) {
    }

    /**
     * A tenant the Partner Center walk stepped over after its customer's reads kept failing.
     *
     * @param error the last Partner Center error of its customer ({@code partnerCenter.skipped}); absent if not kept
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Undecided(String tenantId, ErrorBody error) {
    }

    /** A customer subscription registered as it should be. */
    public record Registered(String registration, String customerSubscriptionId, String tenantId) {
    }

    /**
     * A missing customer subscription.
     *
     * @param since when a drift check first saw it missing there; absent without state storage
     * @param daysMissing the days since then, to a tenth; absent without {@code since}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Missing(String registration, String customerSubscriptionId, String tenantId, String since,
            BigDecimal daysMissing) {
    }

    /**
     * An unexpected customer subscription.
     *
     * @param since since when drift checks have seen it so without a break
     * @param held why the run did not remove it ({@code grace}, {@code removalBudget}, ...); absent when it was not
     *        asked to (a report run) or removed it
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Unexpected(String registration, String customerSubscriptionId, String tenantId, String since,
            String held) {
    }

    /**
     * The coverage of {@code kept} as its run left the registrations (what its writes registered counts as
     * registered, what they removed is gone), each {@code since} as the drift memory has it now where it has one
     * (else the report's), filtered by {@code filter}, its ages as of {@code now}.
     *
     * @param missingSince the open entries of the missing memory (MissingEntries)
     * @param unexpectedSince the open entries of the unexpected memory (UnexpectedEntries)
     */
    public static Coverage of(KeptReport kept, List<Entry> missingSince, List<Entry> unexpectedSince,
            CoverageFilter filter, Instant now) {
        DriftReport report = kept.report();
        Map<List<String>, Instant> missingMemory = byKey(missingSince);
        Map<List<String>, Instant> unexpectedMemory = byKey(unexpectedSince);
        Map<List<String>, String> held = new HashMap<>();
        Set<List<String>> written = new HashSet<>();
        Set<List<String>> gone = new HashSet<>();
        for (DriftReport.Action a : orEmpty(report.actions())) {
            List<String> key = List.of(a.registration(), a.customerSubscriptionId());
            if ("held".equals(a.status()) && a.reason() != null) {
                held.putIfAbsent(key, a.reason().code());
            } else if ("remove".equals(a.action()) && DONE.contains(a.status())) {
                gone.add(key);
            } else if (DONE.contains(a.status())) {
                written.add(key);
                if (a.previousSubscriptionId() != null) {
                    gone.add(List.of(a.registration(), a.previousSubscriptionId())); // unmapped by ARM
                }
            }
        }

        List<Registered> registeredAfter = new ArrayList<>();
        orEmpty(report.registered()).stream().filter(r -> !gone.contains(key(r.registration(),
                r.customerSubscriptionId()))).forEach(r -> registeredAfter.add(new Registered(r.registration(),
                        r.customerSubscriptionId(), r.tenantId())));
        orEmpty(report.missing()).stream().filter(m -> written.contains(key(m.registration(),
                m.customerSubscriptionId()))).forEach(m -> registeredAfter.add(new Registered(m.registration(),
                        m.customerSubscriptionId(), m.tenantId())));
        orEmpty(report.tenantMismatch()).stream().filter(t -> written.contains(key(t.registration(),
                t.customerSubscriptionId()))).forEach(t -> registeredAfter.add(new Registered(t.registration(),
                        t.customerSubscriptionId(), t.expectedTenantId())));
        List<DriftReport.Missing> missingAfter = orEmpty(report.missing()).stream()
                .filter(m -> !written.contains(key(m.registration(), m.customerSubscriptionId()))).toList();
        Set<List<String>> added = new HashSet<>();
        orEmpty(report.missing()).stream().map(m -> key(m.registration(), m.customerSubscriptionId()))
                .filter(written::contains).forEach(added::add);
        List<DriftReport.Unexpected> unexpectedAfter = orEmpty(report.unexpected()).stream()
                .filter(u -> !gone.contains(key(u.registration(), u.customerSubscriptionId()))).toList();
        List<DriftReport.TenantMismatch> mismatchesAfter = orEmpty(report.tenantMismatch()).stream()
                .filter(t -> !written.contains(key(t.registration(), t.customerSubscriptionId()))).toList();
        boolean inSync = report.inSync() || missingAfter.isEmpty() && unexpectedAfter.isEmpty()
                && mismatchesAfter.isEmpty() && orEmpty(report.ambiguous()).isEmpty()
                && orEmpty(report.undecided()).isEmpty() && "complete".equals(kept.outcome());

        List<Registered> registered = registeredAfter.stream()
                .filter(r -> filter.passes(Status.REGISTERED, r.registration(), r.tenantId())).toList();
        List<Missing> missing = missingAfter.stream()
                .filter(m -> filter.passes(Status.MISSING, m.registration(), m.tenantId()))
                .map(m -> {
                    Instant since = since(missingMemory, m.registration(), m.customerSubscriptionId(), m.since());
                    return new Missing(m.registration(), m.customerSubscriptionId(), m.tenantId(),
                            since == null ? null : since.toString(), since == null ? null : days(since, now));
                }).toList();
        List<Unexpected> unexpected = unexpectedAfter.stream()
                .filter(u -> filter.passes(Status.UNEXPECTED, u.registration(), u.tenantId()))
                .map(u -> {
                    Instant since = since(unexpectedMemory, u.registration(), u.customerSubscriptionId(), u.since());
                    return new Unexpected(u.registration(), u.customerSubscriptionId(), u.tenantId(),
                            since == null ? null : since.toString(),
                            held.get(List.of(u.registration(), u.customerSubscriptionId())));
                }).toList();
        List<DriftReport.Inactive> inactive = orEmpty(report.inactive()).stream()
                .filter(i -> filter.passes(Status.INACTIVE, i.registration(), i.tenantId())).toList();
        List<AmbiguousTenant> ambiguous = orEmpty(report.ambiguous()).stream()
                .filter(a -> filter.passes(Status.AMBIGUOUS, null, a.tenantId())).toList();
        List<DriftReport.TenantMismatch> mismatches = mismatchesAfter.stream()
                .filter(t -> filter.passes(Status.TENANT_MISMATCH, t.registration(), t.expectedTenantId())).toList();
        List<Undecided> undecided = undecided(report, filter);

        List<Figures> registrations = orEmpty(report.registrations()).stream()
                .filter(r -> filter.passes(r.registration()))
                .map(r -> figures(r.registration(), r.expected(), registeredAfter(r, added, gone), r.error(),
                        missing.stream().filter(m -> m.registration().equals(r.registration())).toList(),
                        unexpected.stream().filter(u -> u.registration().equals(r.registration())).toList(),
                        count(inactive, i -> i.registration().equals(r.registration())),
                        ambiguous.size(), undecided.size(),
                        mismatches.stream().filter(t -> t.registration().equals(r.registration())).toList(),
                        held))
                .toList();
        Figures total = figures(null, sum(registrations, Figures::expected), sum(registrations, Figures::registered),
                null, missing, unexpected, inactive.size(), ambiguous.size(), undecided.size(), mismatches, held);
        PartnerCenterSummary partnerCenter = report.partnerCenter();
        Instant started = instant(kept.startedAt());
        Run run = new Run(kept.runId(), kept.startedAt(),
                started == null ? null : Duration.between(started, now).toMinutes(), kept.trigger(), report.mode(),
                kept.outcome(), partnerCenter == null ? null : partnerCenter.generation(),
                partnerCenter == null ? null : partnerCenter.complete());
        List<DriftReport.Company> companies = orEmpty(report.companies()).stream()
                .filter(c -> filter.tenantId() == null || filter.tenantId().equals(c.tenantId())).toList();
        return new Coverage(inSync, run, total, registrations, registered, missing, unexpected, inactive,
                ambiguous, mismatches, undecided, companies, NOTE);
    }

    /** The report's undecided tenants that pass, each with its customer's error from {@code partnerCenter.skipped}. */
    private static List<Undecided> undecided(DriftReport report, CoverageFilter filter) {
        Map<String, ErrorBody> errors = new HashMap<>();
        if (report.partnerCenter() != null) {
            orEmpty(report.partnerCenter().skipped()).forEach(f -> errors.put(f.customerId(), f.error()));
        }
        return orEmpty(report.undecided()).stream().filter(t -> filter.passes(Status.UNDECIDED, null, t))
                .map(t -> new Undecided(t, errors.get(t))).toList();
    }

    /** How many customer subscriptions the registration holds after the run's writes: added, less those gone. */
    private static Integer registeredAfter(DriftReport.RegistrationSummary summary, Set<List<String>> added,
            Set<List<String>> gone) {
        if (summary.registered() == null) {
            return null;
        }
        return summary.registered() + (int) added.stream().filter(k -> k.get(0).equals(summary.registration()))
                .count() - (int) gone.stream().filter(k -> k.get(0).equals(summary.registration())).count();
    }

    private static List<String> key(String registration, String customerSubscriptionId) {
        return List.of(registration, customerSubscriptionId);
    }

    private static Figures figures(String registration, Integer expected, Integer registered, ErrorBody error,
            List<Missing> missing, List<Unexpected> unexpected, int inactive, int ambiguous, int undecided,
            List<DriftReport.TenantMismatch> mismatches, Map<List<String>, String> held) {
        int heldCount = (int) (unexpected.stream().filter(u -> u.held() != null).count() + mismatches.stream()
                .filter(t -> held.containsKey(List.of(t.registration(), t.customerSubscriptionId()))).count());
        BigDecimal days = missing.stream().map(Missing::daysMissing).filter(Objects::nonNull)
                .reduce(BigDecimal.ZERO.setScale(1), BigDecimal::add);
        String oldest = missing.stream().map(Missing::since).filter(Objects::nonNull)
                .min(Comparator.comparing(Instant::parse)).orElse(null);
        return new Figures(registration, expected, registered, missing.size(), unexpected.size(), heldCount,
                inactive, ambiguous, mismatches.size(), undecided, days, oldest, error);
    }

    /** The days from {@code since} to {@code now}, to a tenth, never below zero. */
    static BigDecimal days(Instant since, Instant now) {
        long millis = Math.max(0, Duration.between(since, now).toMillis());
        return BigDecimal.valueOf(millis).divide(BigDecimal.valueOf(Duration.ofDays(1).toMillis()), 1,
                RoundingMode.DOWN);
    }

    private static Instant since(Map<List<String>, Instant> memory, String registration, String subscription,
            String reported) {
        Instant remembered = memory.get(List.of(registration, subscription));
        return remembered != null ? remembered : instant(reported);
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Map<List<String>, Instant> byKey(List<Entry> entries) {
        Map<List<String>, Instant> since = new HashMap<>();
        entries.forEach(e -> since.put(List.of(e.registration(), e.customerSubscriptionId()), e.since()));
        return since;
    }

    private static <T> int count(List<T> items, Predicate<T> which) {
        return (int) items.stream().filter(which).count();
    }

    private static Integer sum(List<Figures> figures, Function<Figures, Integer> figure) {
        List<Integer> known = figures.stream().map(figure).filter(Objects::nonNull).toList();
        return known.isEmpty() ? null : known.stream().mapToInt(Integer::intValue).sum();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
