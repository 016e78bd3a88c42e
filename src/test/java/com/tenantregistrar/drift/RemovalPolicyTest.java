package com.tenantregistrar.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.drift.DriftReport.Reason;
import com.tenantregistrar.drift.RemovalPolicy.Basis;

/** The removal decision alone: each proof it needs, and unknown never taken as proof. */
class RemovalPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final Duration GRACE = Duration.ofHours(72);

    private static Instant hoursAgo(long hours) {
        return NOW.minus(Duration.ofHours(hours));
    }

    private static Basis generationBegun(long hoursAgo) {
        return new Basis(true, hoursAgo(hoursAgo), null);
    }

    @Test
    void freshPlausibleAndPastTheGraceRemoves() {
        assertEquals(Optional.empty(), RemovalPolicy.hold(generationBegun(10), hoursAgo(80), GRACE, NOW));
    }

    @Test
    void aGenerationThatBeganBeforeTheEntryWasFirstSeenIsNoProof() {
        assertEquals(Optional.of(Reason.RECENTLY_WRITTEN),
                RemovalPolicy.hold(generationBegun(100), hoursAgo(80), GRACE, NOW));
        assertEquals(Optional.of(Reason.RECENTLY_WRITTEN),
                RemovalPolicy.hold(generationBegun(80), hoursAgo(80), GRACE, NOW), "the same instant is not after");
    }

    @Test
    void unknownTimesAreNeverProof() {
        assertEquals(Optional.of(Reason.RECENTLY_WRITTEN), RemovalPolicy.hold(generationBegun(10), null, GRACE, NOW));
        assertEquals(Optional.of(Reason.RECENTLY_WRITTEN),
                RemovalPolicy.hold(new Basis(true, null, null), hoursAgo(80), Duration.ZERO, NOW));
        assertEquals(Optional.of(Reason.GRACE), RemovalPolicy.hold(Basis.MANIFEST, null, GRACE, NOW));
    }

    @Test
    void theGraceCountsFromTheFirstSight() {
        assertEquals(Optional.of(Reason.GRACE), RemovalPolicy.hold(generationBegun(10), hoursAgo(71), GRACE, NOW));
        assertEquals(Optional.of(Reason.GRACE), RemovalPolicy.hold(Basis.MANIFEST, hoursAgo(71), GRACE, NOW));
        assertEquals(Optional.empty(), RemovalPolicy.hold(Basis.MANIFEST, hoursAgo(72), GRACE, NOW));
    }

    @Test
    void aManifestWithoutGraceNeedsNoTime() {
        assertEquals(Optional.empty(), RemovalPolicy.hold(Basis.MANIFEST, null, Duration.ZERO, NOW));
    }

    @Test
    void anImplausibleGenerationHoldsWhateverElseHolds() {
        assertEquals(Optional.of(Reason.PARTNER_CENTER_IMPLAUSIBLE), RemovalPolicy.hold(
                new Basis(true, hoursAgo(10), "empty"), hoursAgo(80), Duration.ZERO, NOW));
    }
}
