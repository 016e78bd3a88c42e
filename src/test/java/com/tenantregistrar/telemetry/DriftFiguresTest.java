package com.tenantregistrar.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.drift.AmbiguousTenant;
import com.tenantregistrar.drift.DriftReport;
import com.tenantregistrar.drift.DriftReport.Action;
import com.tenantregistrar.drift.DriftReport.Missing;
import com.tenantregistrar.drift.DriftReport.RegistrationSummary;
import com.tenantregistrar.error.ErrorBody;

/** The drift gauges' figures, per registration, from a report. */
class DriftFiguresTest {

    @Test
    void eachReadableRegistrationGetsItsCountsAndTheOldestMissingSince() {
        DriftReport report = new DriftReport(false, "reconcile", null,
                List.of(new Missing("east", "s1", "t1", "2026-11-02T00:00:00Z"),
                        new Missing("east", "s2", "t2", "2026-11-01T00:00:00Z"),
                        new Missing("west", "s3", "t3", null)),
                List.of(new DriftReport.Unexpected("east", "s4", "t4", null)),
                List.of(new DriftReport.Inactive("east", "s5", "t5", "suspended")),
                List.of(), List.of(new AmbiguousTenant("t6", List.of("s6", "s7"))), List.of(),
                List.of(new Action("remove", "east", "s4", "held", DriftReport.Reason.GRACE, null, null),
                        new Action("register", "east", "s1", "registered", null, null, null)),
                List.of(new RegistrationSummary("east", 2, 3, null), new RegistrationSummary("west", 0, 1, null),
                        new RegistrationSummary("north", null, null, new ErrorBody("InternalServerError", "no"))),
                List.of(), List.of());

        DriftFigures figures = DriftFigures.of(report);

        assertEquals(Map.of(
                "east", new DriftFigures.Registration(2, 1, 1, 1, Instant.parse("2026-11-01T00:00:00Z")),
                "west", new DriftFigures.Registration(1, 0, 0, 0, null)), figures.registrations(),
                "north could not be read: its figures are unknown, not zero");
        assertEquals(1, figures.ambiguous());
    }
}
