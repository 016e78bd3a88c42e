package com.tenantregistrar.error;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure the caller is told about as {@code {"error": {"code", "message"}}} with an HTTP status.
 * Every failure the app foresees is one of these; anything else is a defect and answers 500.
 */
public class RegistrarException extends RuntimeException {

    private final int status;
    private final String code;
    private final Duration retryAfter;
    private final Object result;

    public RegistrarException(int status, String code, String message) {
        this(status, code, message, null, null, null);
    }

    protected RegistrarException(int status, String code, String message, Duration retryAfter, Object result,
            Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
        this.result = result;
    }

    /** The HTTP status the caller receives. */
    public int status() {
        return status;
    }

    /** A stable, PascalCase code: ARM's own code where ARM refused, ours otherwise. */
    public String code() {
        return code;
    }

    /** How long the caller should wait before trying again, when that is known. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The partial result to send beside the error (every registration's outcome), if any. */
    public Optional<Object> result() {
        return Optional.ofNullable(result);
    }

    /** The same failure, answered together with {@code result}. */
    public RegistrarException withResult(Object result) {
        return new RegistrarException(status, code, getMessage(), retryAfter, result, getCause());
    }

    /**
     * How much this failure should decide the answer when several happened at once: a transient failure outranks
     * a permanent one, so that a caller retries while a retry can still help (PUT and DELETE are idempotent).
     */
    public int severity() {
        return isTransient() ? 1000 + status : status;
    }

    /** Whether a later retry of the same request may succeed (throttling, upstream outages). */
    public boolean isTransient() {
        return status == 429 || status >= 500;
    }
}
