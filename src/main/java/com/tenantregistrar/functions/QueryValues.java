package com.tenantregistrar.functions;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.tenantregistrar.error.InvalidRequestException;

/**
 * The query parameters several functions read alike ({@code since}, {@code top}, {@code registration}), checked with
 * one message each.
 */
final class QueryValues {

    private QueryValues() {
    }

    /** {@code since}: an ISO-8601 time, or a date (its start in UTC). */
    static Instant since(String raw) {
        try {
            if (raw.length() == 10) {
                return LocalDate.parse(raw).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(raw).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("'since' must be an ISO-8601 time such as '2026-01-31T00:00:00Z' or a "
                    + "date such as '2026-01-31', not '" + abbreviate(raw) + "'.");
        }
    }

    /** {@code top}: a whole number from 1 to {@code max}. */
    static int top(String raw, int max) {
        try {
            int top = Integer.parseInt(raw);
            if (top >= 1 && top <= max) {
                return top;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidRequestException("'top' must be a whole number from 1 to " + max + ", not '"
                + abbreviate(raw) + "'.");
    }

    /** {@code registration}: one of the configured {@code aliases}, in any case; answered as configured. */
    static String registration(String raw, List<String> aliases) {
        String wanted = raw.trim();
        return aliases.stream().filter(alias -> alias.equalsIgnoreCase(wanted)).findFirst()
                .orElseThrow(() -> new InvalidRequestException("'registration' must be one of the configured "
                        + "registrations (" + String.join(", ", aliases) + "), not '" + abbreviate(wanted) + "'."));
    }

    /** {@code raw}, cut to 64 characters, to be quoted in a message. */
    static String abbreviate(String raw) {
        return raw.length() <= 64 ? raw : raw.substring(0, 64) + "…";
    }
}
