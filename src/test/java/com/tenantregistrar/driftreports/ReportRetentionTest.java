package com.tenantregistrar.driftreports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Which kept reports the timer deletes. */
class ReportRetentionTest {

    private static final Instant NOW = Instant.parse("2026-12-08T00:00:00Z");
    private static final Instant CUTOFF = NOW.minus(Duration.ofDays(400));

    private static String report(Duration age) {
        return RunId.startingAt(NOW.minus(age)).blobName();
    }

    @Test
    void deletesWhatStartedBeforeTheCutoffAndKeepsTheRest() {
        String old = report(Duration.ofDays(401));
        String older = report(Duration.ofDays(700));
        String recent = report(Duration.ofDays(399));
        assertEquals(List.of(older, old), ReportRetention.expired(List.of(recent, older, old), CUTOFF));
    }

    @Test
    void neverDeletesTheNewestReportEvenWhenEveryReportIsOld() {
        String old = report(Duration.ofDays(500));
        String newest = report(Duration.ofDays(450));
        assertEquals(List.of(old), ReportRetention.expired(List.of(newest, old), CUTOFF));
        assertEquals(List.of(), ReportRetention.expired(List.of(newest), CUTOFF));
    }

    @Test
    void leavesBlobsThatAreNoReportsAlone() {
        assertEquals(List.of(), ReportRetention.expired(List.of("notes.txt", "2020/01/01/000000-x.json"), CUTOFF));
        assertEquals(List.of(), ReportRetention.expired(List.of(), CUTOFF));
    }
}
