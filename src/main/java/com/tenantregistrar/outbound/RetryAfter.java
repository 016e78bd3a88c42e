package com.tenantregistrar.outbound;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;

/** The delay a throttling or failing service asked for, read as azure-core's retry policy reads it. */
public final class RetryAfter {

    private static final HttpHeaderName RETRY_AFTER_MS = HttpHeaderName.fromString("retry-after-ms");
    private static final HttpHeaderName X_MS_RETRY_AFTER_MS = HttpHeaderName.fromString("x-ms-retry-after-ms");

    private RetryAfter() {
    }

    /** From {@code retry-after-ms}, {@code x-ms-retry-after-ms} or {@code Retry-After} (seconds or a date). */
    public static Optional<Duration> of(HttpHeaders headers) {
        for (HttpHeaderName name : new HttpHeaderName[] { RETRY_AFTER_MS, X_MS_RETRY_AFTER_MS }) {
            String ms = headers.getValue(name);
            if (ms != null) {
                try {
                    return Optional.of(Duration.ofMillis(Long.parseLong(ms.trim())));
                } catch (NumberFormatException ignored) {
                    // fall through to the next header
                }
            }
        }
        String value = headers.getValue(HttpHeaderName.RETRY_AFTER);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(OffsetDateTime.now(), at);
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (RuntimeException notADate) {
                return Optional.empty();
            }
        }
    }
}
