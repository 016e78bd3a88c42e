package com.tenantregistrar.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.drift.DriftReport.Reason;
import com.tenantregistrar.drift.RemovalPolicy.Basis;
import com.tenantregistrar.error.ErrorBody;
import com.tenantregistrar.partnercenter.PartnerCenterSnapshot;

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

    private static PartnerCenterSnapshot walked(Instant completeStartedAt, String errorCode) {
        return new PartnerCenterSnapshot(List.of(), 0, 0, false, errorCode == null ? null
                : new ErrorBody(errorCode, "why"), new PartnerCenterSnapshot.Progress(2, 1, 3, null, completeStartedAt));
    }

    @Test
    void aPartnerCenterReadIsDecidedOnOnlyAgainstAYoungPlausibleCompleteGeneration() {
        Duration maxAge = Duration.ofHours(48);
        assertEquals(null, RemovalPolicy.partnerCenterHold(walked(hoursAgo(47), null), maxAge, NOW));
        assertEquals(Reason.PARTNER_CENTER_TOO_OLD, RemovalPolicy.partnerCenterHold(walked(hoursAgo(48), null), maxAge,
                NOW));
        assertEquals(Reason.PARTNER_CENTER_INCOMPLETE, RemovalPolicy.partnerCenterHold(walked(null, null), maxAge,
                NOW), "no complete generation yet");
        assertEquals(Reason.PARTNER_CENTER_IMPLAUSIBLE, RemovalPolicy.partnerCenterHold(
                walked(hoursAgo(1), PartnerCenterSnapshot.IMPLAUSIBLE), maxAge, NOW));
        PartnerCenterSnapshot oneRun = new PartnerCenterSnapshot(List.of(), 0, 0, true, null);
        assertEquals(null, RemovalPolicy.partnerCenterHold(oneRun, maxAge, NOW), "without storage: this run's read");
        assertEquals(Reason.PARTNER_CENTER_INCOMPLETE, RemovalPolicy.partnerCenterHold(
                new PartnerCenterSnapshot(List.of(), 0, 0, false, null), maxAge, NOW));
    }
}
