package com.tenantregistrar.driftreports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.error.InvalidRequestException;

/** A run's ID: a version-7 GUID whose time is the run's start, and the name of its kept report. */
class RunIdTest {

    private static final Instant START = Instant.parse("2026-12-08T09:05:07.123Z");

    @Test
    void carriesTheRunsStartAndNamesItsReportByIt() {
        RunId id = RunId.startingAt(START);
        UUID uuid = UUID.fromString(id.value());
        assertEquals(7, uuid.version());
        assertEquals(2, uuid.variant());
        assertEquals(START, id.start());
        assertEquals("2026/12/08/090507-" + id + ".json", id.blobName());
        assertEquals(Optional.of(id), RunId.ofBlobName(id.blobName()));
        assertNotEquals(id, RunId.startingAt(START), "random bits tell runs of the same millisecond apart");
    }

    @Test
    void sortsAsTheRunsStarted() {
        RunId earlier = RunId.startingAt(START);
        RunId later = RunId.startingAt(START.plusMillis(1));
        assertTrue(earlier.value().compareTo(later.value()) < 0);
    }

    @Test
    void aCallersIdIsCheckedAndKeptInLowerCase() {
        RunId id = RunId.startingAt(START);
        assertEquals(id, RunId.require("id", " " + id.value().toUpperCase() + " "));
        assertThrows(InvalidRequestException.class, () -> RunId.require("id", null));
        assertThrows(InvalidRequestException.class, () -> RunId.require("id", "0b3c9a7e-1f2d-4c5b-8a6e-9d0f1e2a3b4c"));
        assertThrows(InvalidRequestException.class, () -> RunId.require("id", "../../etc/passwd"));
    }
}
