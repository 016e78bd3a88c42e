package com.tenantregistrar.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The emulated ARM's token bucket, on a clock the test moves. */
class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFullBucketAdmitsItsCapacityAtOnceThenRefusesUntilTheNextToken() {
        TokenBucket bucket = new TokenBucket(200, 10, 0);
        for (int i = 0; i < 200; i++) {
            TokenBucket.Take take = bucket.take(0);
            assertTrue(take.admitted(), "request " + i);
            assertEquals(199 - i, take.remaining());
        }
        TokenBucket.Take refused = bucket.take(0);
        assertFalse(refused.admitted());
        assertEquals(0, refused.remaining());
        assertEquals(Duration.ofMillis(100), refused.retryAfter(), "one token every 100 ms at 10 a second");
        assertFalse(bucket.take(SECOND / 20).admitted(), "half a token is none");
        assertEquals(Duration.ofMillis(50), bucket.take(SECOND / 20).retryAfter());
        assertTrue(bucket.take(SECOND / 10).admitted());
    }

    @Test
    void itRefillsAtItsRateAndNeverBeyondItsCapacity() {
        TokenBucket bucket = new TokenBucket(200, 10, 0);
        for (int i = 0; i < 200; i++) {
            bucket.take(0);
        }
        int admitted = 0;
        // 3 s later: 30 tokens, then nothing.
        while (bucket.take(3 * SECOND).admitted()) {
            admitted++;
        }
        assertEquals(30, admitted);
        TokenBucket.Take afterAnHour = bucket.take(3600 * SECOND);
        assertTrue(afterAnHour.admitted());
        assertEquals(199, afterAnHour.remaining(), "a bucket left alone fills up to its capacity, no further");
    }

    @Test
    void aClockThatGoesBackGivesNoTokens() {
        TokenBucket bucket = new TokenBucket(1, 10, SECOND);
        assertTrue(bucket.take(SECOND).admitted());
        assertFalse(bucket.take(0).admitted());
        assertFalse(bucket.take(SECOND).admitted());
    }

    @Test
    void aBucketWithoutCapacityOrRefillIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(200, 0, 0));
    }
}
