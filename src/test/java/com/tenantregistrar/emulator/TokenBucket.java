package com.tenantregistrar.emulator;

import java.time.Duration;

/**
 * ARM's throttling of one kind of request (writes, deletes) of one subscription: a bucket of {@code capacity}
 * tokens, refilled at {@code refillPerSecond}; each request takes one, and a request that finds none is throttled
 * until the next token comes. The clock is given in nanoseconds, so that the bucket is a pure state machine.
 */
final class TokenBucket {

    /**
     * What the bucket answered one request.
     *
     * @param admitted whether the request took a token
     * @param remaining the tokens left after it (ARM's {@code x-ms-ratelimit-remaining-subscription-*})
     * @param retryAfter when refused, how long until the next token
     */
    record Take(boolean admitted, long remaining, Duration retryAfter) {
    }

    private final int capacity;
    /** Nanoseconds between two tokens. */
    private final long interval;
    /**
     * When the bucket would be full again were no more taken (the "theoretical arrival time" of the generic cell
     * rate algorithm, which is this bucket in integer arithmetic): it holds {@code capacity - (full - now) / interval}
     * tokens.
     */
    private long full;

    /** A full bucket at {@code now} (nanoseconds). */
    TokenBucket(int capacity, double refillPerSecond, long now) {
        if (capacity < 1 || refillPerSecond <= 0) {
            throw new IllegalArgumentException("A bucket needs a capacity and a refill rate");
        }
        this.capacity = capacity;
        this.interval = Math.max(1, Math.round(1e9 / refillPerSecond));
        this.full = now;
    }

    /** One request at {@code now} (nanoseconds). */
    synchronized Take take(long now) {
        long from = Math.max(full, now);
        long tolerance = (capacity - 1) * interval;
        if (from - now > tolerance) {
            return new Take(false, 0, Duration.ofNanos(from - tolerance - now));
        }
        full = from + interval;
        return new Take(true, capacity - ceilDiv(full - now, interval), Duration.ZERO);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
