package com.tenantregistrar.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.drift.DriftReport.Reason;

/** The pacer's decisions: whether a write has a turn before the deadline, how long it waits, how a pause grows. */
class WritePacerTest {

    private static final Instant NOW = Instant.parse("2026-12-08T00:00:00Z");
    private static final Instant DEADLINE = NOW.plus(Duration.ofMinutes(8));

    @Test
    void aWriteToASubscriptionThatIsNotPausedGoesAtOnce() {
        assertEquals(Optional.empty(), WritePacer.noTurn(null, NOW, DEADLINE));
        assertEquals(Duration.ZERO, WritePacer.waitBefore(null, NOW));
        assertEquals(Duration.ZERO, WritePacer.waitBefore(NOW.minusSeconds(1), NOW), "a pause that has ended");
        assertEquals(Duration.ZERO, WritePacer.waitBefore(NOW, NOW));
    }

    @Test
    void aWriteToAPausedSubscriptionWaitsUntilThePauseEnds() {
        Instant paused = NOW.plusSeconds(3);
        assertEquals(Optional.empty(), WritePacer.noTurn(paused, NOW, DEADLINE));
        assertEquals(Duration.ofSeconds(3), WritePacer.waitBefore(paused, NOW));
    }

    @Test
    void noWriteStartsAtOrAfterTheDeadline() {
        assertEquals(Optional.of(Reason.DEADLINE), WritePacer.noTurn(null, DEADLINE, DEADLINE));
        assertEquals(Optional.of(Reason.DEADLINE), WritePacer.noTurn(null, DEADLINE.plusMillis(1), DEADLINE));
        assertEquals(Optional.empty(), WritePacer.noTurn(null, DEADLINE.minusMillis(1), DEADLINE));
    }

    @Test
    void aPauseThatReachesTheDeadlineLeavesNoTurnAndSaysThrottled() {
        assertEquals(Optional.of(Reason.THROTTLED), WritePacer.noTurn(DEADLINE, NOW, DEADLINE));
        assertEquals(Optional.of(Reason.THROTTLED), WritePacer.noTurn(DEADLINE.plusSeconds(60), NOW, DEADLINE));
        assertEquals(Optional.empty(), WritePacer.noTurn(DEADLINE.minusMillis(1), NOW, DEADLINE),
                "a pause that ends before the deadline leaves a turn after it");
    }

    @Test
    void aPauseIsNeverShortenedByALaterShorterRetryAfter() {
        assertEquals(NOW.plusSeconds(5), WritePacer.pausedUntil(null, NOW, Duration.ofSeconds(5)));
        assertEquals(NOW.plusSeconds(30), WritePacer.pausedUntil(NOW.plusSeconds(30), NOW, Duration.ofSeconds(1)));
        assertEquals(NOW.plusSeconds(10), WritePacer.pausedUntil(NOW.plusSeconds(2), NOW, Duration.ofSeconds(10)));
    }
}
