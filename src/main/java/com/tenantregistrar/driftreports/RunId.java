package com.tenantregistrar.driftreports;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonValue;
import com.tenantregistrar.error.InvalidRequestException;

/**
 * A drift run's ID: a time-ordered GUID in the layout of RFC 9562's version 7 (the run's start in Unix milliseconds,
 * then random bits), so that its kept report's blob name follows from it and IDs sort as the runs started. The
 * random bits come from {@link ThreadLocalRandom}: an ID names a run, it guards nothing, and a static
 * {@code SecureRandom} would be seeded into a native image's heap at build time.
 */
public record RunId(@JsonValue String value) {

    private static final Pattern FORMAT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Pattern BLOB_NAME =
            Pattern.compile("\\d{4}/\\d{2}/\\d{2}/\\d{6}-(" + FORMAT.pattern() + ")\\.json");
    private static final DateTimeFormatter FOLDERS = DateTimeFormatter.ofPattern("yyyy/MM/dd/HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String EXAMPLE = "019af9c4-5e3b-7d2a-9c41-8f0e6b2d3a17";

    /** A new ID for a run that starts at {@code start}. */
    public static RunId startingAt(Instant start) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (start.toEpochMilli() << 16) | 0x7000L | random.nextLong(0x1000L);
        long low = 0x8000_0000_0000_0000L | (random.nextLong() >>> 2);
        return new RunId(new UUID(high, low).toString());
    }

    /**
     * The ID a caller gave as {@code field}.
     *
     * @throws InvalidRequestException when it is missing or not a drift run's ID
     */
    public static RunId require(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidRequestException("'" + field + "' is required: a drift run's ID, as listDriftRuns, the "
                    + "run's report (runId) and its answer's x-registrar-drift-run-id header give it, such as '"
                    + EXAMPLE + "'.");
        }
        String value = raw.trim().toLowerCase(Locale.ROOT);
        if (!FORMAT.matcher(value).matches()) {
            throw new InvalidRequestException("'" + field + "' must be a drift run's ID (a version-7 GUID) such as '"
                    + EXAMPLE + "', not '" + (raw.length() <= 64 ? raw : raw.substring(0, 64) + "…") + "'.");
        }
        return new RunId(value);
    }

    /** The ID of the report kept as {@code name} in the container, if it is a kept report's name. */
    static Optional<RunId> ofBlobName(String name) {
        Matcher m = BLOB_NAME.matcher(name);
        return m.matches() ? Optional.of(new RunId(m.group(1))) : Optional.empty();
    }

    /** When the run started, to the millisecond. */
    public Instant start() {
        return Instant.ofEpochMilli(UUID.fromString(value).getMostSignificantBits() >>> 16);
    }

    /** The name of this run's report in the container: {@code yyyy/MM/dd/HHmmss-<id>.json}, its start in UTC. */
    public String blobName() {
        return FOLDERS.format(start()) + "-" + value + ".json";
    }

    @Override
    public String toString() {
        return value;
    }
}
