package com.tenantregistrar.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.drift.AmbiguousTenant;
import com.tenantregistrar.drift.DriftReport;
import com.tenantregistrar.drift.DriftReport.Action;
import com.tenantregistrar.drift.DriftReport.Reason;
import com.tenantregistrar.drift.DriftReport.RegistrationSummary;
import com.tenantregistrar.drift.PartnerCenterSummary;
import com.tenantregistrar.error.ErrorBody;
import com.tenantregistrar.error.InvalidRequestException;
import com.tenantregistrar.journal.DriftEntries.Entry;
import com.tenantregistrar.partnercenter.CustomerFailure;

/** The coverage as a pure function of the kept report, the drift memory and the clock. */
class CoverageTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final String T1 = "11111111-0000-4000-8000-000000000001";
    static final String T2 = "22222222-0000-4000-8000-000000000002";
    static final String T3 = "33333333-0000-4000-8000-000000000003";
    static final String S1 = "a1000000-0000-4000-8000-000000000001";
    static final String S2 = "a2000000-0000-4000-8000-000000000002";
    static final String S3 = "a3000000-0000-4000-8000-000000000003";
    static final String S4 = "a4000000-0000-4000-8000-000000000004";

    /** east: S1 registered, S2 missing since 3 days, S3 unexpected and held; west: S1 and S2 missing, unreadable. */
    static KeptReport kept() {
        DriftReport report = new DriftReport(false, "reconcile",
                new PartnerCenterSummary(3, 3, true, null, 7L, "3/3", null, null),
                List.of(new DriftReport.Missing("east", S2, T2, "2026-11-28T12:00:00Z"),
                        new DriftReport.Missing("west", S1, T1, "2026-11-30T00:00:00Z"),
                        new DriftReport.Missing("west", S2, T2, null)),
                List.of(new DriftReport.Unexpected("east", S3, T3, "2026-11-20T00:00:00Z")),
                List.of(new DriftReport.Inactive("west", S4, T3, "suspended")),
                List.of(),
                List.of(new AmbiguousTenant(T3, List.of(S3, S4))), List.of(),
                List.of(new Action("remove", "east", S3, "held", Reason.GRACE, null, null)),
                List.of(new RegistrationSummary("east", 2, 2, null),
                        new RegistrationSummary("west", 1, 2, new ErrorBody("ArmUnavailable", "no"))),
                List.of(new DriftReport.Registered("east", S1, T1)),
                List.of(new DriftReport.Company(T1, "Contoso"), new DriftReport.Company(T2, "Fabrikam")));
        return new KeptReport("019af9c4-5e3b-7d2a-9c41-8f0e6b2d3a17", "timer", "2026-12-01T11:30:00Z", "incomplete",
                report);
    }

    @Test
    void eachRegistrationAndTheTotalCountWhatTheRunFoundAndWhatMissingCosts() {
        Coverage coverage = Coverage.of(kept(), List.of(), List.of(), CoverageFilter.ALL, NOW);

        assertEquals(false, coverage.inSync());
        Coverage.Figures east = coverage.registrations().get(0);
        assertEquals(2, east.expected());
        assertEquals(2, east.registered());
        assertEquals(1, east.missing());
        assertEquals(1, east.unexpected());
        assertEquals(1, east.held());
        assertEquals(new BigDecimal("3.0"), east.unbilledCustomerDays());
        assertEquals("2026-11-28T12:00:00Z", east.oldestMissingSince());
        Coverage.Figures west = coverage.registrations().get(1);
        assertEquals("ArmUnavailable", west.error().code());
        assertEquals(1, west.inactive());
        // 1.5 days for S1; S2 has no since (no state storage then): counted missing, not costed.
        assertEquals(new BigDecimal("1.5"), west.unbilledCustomerDays());
        Coverage.Figures total = coverage.total();
        assertNull(total.registration());
        assertEquals(4, total.expected());
        assertEquals(3, total.registered());
        assertEquals(3, total.missing());
        assertEquals(new BigDecimal("4.5"), total.unbilledCustomerDays());
        assertEquals("2026-11-28T12:00:00Z", total.oldestMissingSince());
        assertEquals(1, total.ambiguous());
        assertEquals(new BigDecimal("3.0"), coverage.missing().get(0).daysMissing());
        assertNull(coverage.missing().get(2).daysMissing());
        assertEquals("grace", coverage.unexpected().get(0).held());
        assertEquals(30L, coverage.run().ageMinutes());
        assertEquals(7L, coverage.run().partnerCenterGeneration());
        assertEquals("timer", coverage.run().trigger());
        assertTrue(coverage.note().contains("daily rate"), coverage.note());
    }

    @Test
    void theMemoryIsNewerThanTheReportItsSinceWins() {
        Instant earlier = Instant.parse("2026-11-21T12:00:00Z");
        Coverage coverage = Coverage.of(kept(), List.of(new Entry("east", S2, earlier, null)),
                List.of(new Entry("east", S3, Instant.parse("2026-11-01T00:00:00Z"), T3)), CoverageFilter.ALL, NOW);

        assertEquals(earlier.toString(), coverage.missing().get(0).since());
        assertEquals(new BigDecimal("10.0"), coverage.missing().get(0).daysMissing());
        assertEquals("2026-11-01T00:00:00Z", coverage.unexpected().get(0).since());
    }

    @Test
    void filtersNarrowTheEntriesAndTheirFigures() {
        Coverage west = Coverage.of(kept(), List.of(), List.of(), CoverageFilter.of("west", null, null), NOW);
        assertEquals(1, west.registrations().size());
        assertEquals(2, west.total().missing());
        assertTrue(west.unexpected().isEmpty());

        Coverage tenant = Coverage.of(kept(), List.of(), List.of(),
                CoverageFilter.of(null, T2.toUpperCase(), null), NOW);
        assertEquals(2, tenant.missing().size());
        assertEquals(List.of(new DriftReport.Company(T2, "Fabrikam")), tenant.companies());
        assertTrue(tenant.registered().isEmpty());
        assertTrue(tenant.ambiguous().isEmpty());

        Coverage registered = Coverage.of(kept(), List.of(), List.of(),
                CoverageFilter.of(null, null, "registered"), NOW);
        assertEquals(1, registered.registered().size());
        assertEquals(0, registered.total().missing());
        assertEquals(new BigDecimal("0.0"), registered.total().unbilledCustomerDays());
    }

    @Test
    void aStateOrTenantThatIsNoneIsRefusedWithWhatItMayBe() {
        InvalidRequestException status = assertThrows(InvalidRequestException.class,
                () -> CoverageFilter.of(null, null, "gone"));
        assertTrue(status.getMessage().contains("registered, missing, unexpected, inactive, ambiguous, tenantMismatch, undecided"),
                status.getMessage());
        assertThrows(InvalidRequestException.class, () -> CoverageFilter.of(null, "x", null));
    }

    @Test
    void whatTheRunsWritesRegisteredOrRemovedIsShownAsTheRunLeftIt() {
        KeptReport before = kept();
        DriftReport r = before.report();
        DriftReport after = new DriftReport(r.inSync(), r.mode(), r.partnerCenter(), r.missing(), r.unexpected(),
                r.inactive(), r.tenantMismatch(), List.of(), List.of(), List.of(
                        new Action("register", "east", S2, "registered", null, null, null),
                        new Action("remove", "east", S3, "removed", null, null, null),
                        new Action("register", "west", S1, "failed", null, new ErrorBody("ArmUnavailable", "no"),
                                null)),
                r.registrations(), r.registered(), r.companies());
        Coverage coverage = Coverage.of(new KeptReport(before.runId(), "timer", before.startedAt(), "incomplete",
                after), List.of(), List.of(), CoverageFilter.ALL, NOW);

        Coverage.Figures east = coverage.registrations().get(0);
        assertEquals(0, east.missing());
        assertEquals(0, east.unexpected());
        assertEquals(2, east.registered(), "2 before, S2 added, S3 removed");
        assertTrue(coverage.registered().contains(new Coverage.Registered("east", S2, T2)));
        assertEquals(2, coverage.registrations().get(1).missing(), "a failed write changes nothing");
        assertEquals(false, coverage.inSync());
    }

    /**
     * A complete run that found every registration as it should be, but stepped over T2's customer: counted per
     * registration and in total, listed with its customer's error, not in sync, and filtered by {@code undecided}.
     */
    @Test
    void anUndecidedTenantIsCountedListedWithItsErrorAndKeepsTheCoverageOutOfSync() {
        ErrorBody failed = new ErrorBody("PartnerCenterUnavailable", "the customer's subscriptions failed 3 runs");
        DriftReport report = new DriftReport(false, "reconcile",
                new PartnerCenterSummary(2, 1, true, null, 8L, "2/2", null, null, null,
                        List.of(new CustomerFailure(T2, failed))),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(T2), List.of(),
                List.of(new RegistrationSummary("east", 1, 1, null), new RegistrationSummary("west", 1, 1, null)),
                List.of(new DriftReport.Registered("east", S1, T1), new DriftReport.Registered("west", S1, T1)),
                List.of(new DriftReport.Company(T1, "Contoso")));
        KeptReport kept = new KeptReport("019af9c4-5e3b-7d2a-9c41-8f0e6b2d3a18", "timer", "2026-12-01T11:30:00Z",
                "complete", report);

        Coverage coverage = Coverage.of(kept, List.of(), List.of(), CoverageFilter.ALL, NOW);
        assertEquals(false, coverage.inSync(), "a tenant nobody could decide on is not in sync");
        assertEquals(List.of(new Coverage.Undecided(T2, failed)), coverage.undecided());
        assertEquals(1, coverage.total().undecided());
        assertEquals(1, coverage.registrations().get(0).undecided());
        assertEquals(1, coverage.registrations().get(1).undecided());

        Coverage undecided = Coverage.of(kept, List.of(), List.of(), CoverageFilter.of(null, null, "undecided"), NOW);
        assertEquals(1, undecided.undecided().size());
        assertTrue(undecided.registered().isEmpty());
        Coverage registered = Coverage.of(kept, List.of(), List.of(), CoverageFilter.of(null, null, "registered"),
                NOW);
        assertTrue(registered.undecided().isEmpty());
        assertEquals(0, registered.total().undecided());
        Coverage other = Coverage.of(kept, List.of(), List.of(), CoverageFilter.of(null, T1, null), NOW);
        assertTrue(other.undecided().isEmpty());
    }

    @Test
    void aMissingEntrySeenInTheFutureCostsNothing() {
        assertEquals(new BigDecimal("0.0"), Coverage.days(NOW.plusSeconds(60), NOW));
    }
}
