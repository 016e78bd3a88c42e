package com.tenantregistrar.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the telemetry items the {@link IngestionResource}'s stand-in received, shaped as Application Insights'. */
final class TelemetryItems {

    /** Generous: exports are a second apart in the tests, but the build machine may be loaded. */
    private static final Duration WAIT = Duration.ofSeconds(60);

    private TelemetryItems() {
    }

    /** The first item received that is {@code wanted}, waiting for it up to a minute. */
    static JsonNode await(Predicate<JsonNode> wanted) {
        Instant until = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(until)) {
            Optional<JsonNode> found = IngestionResource.standIn().items().stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no such telemetry item within " + WAIT + "; received: "
                + IngestionResource.standIn().items());
    }

    /** Whether {@code item} is the metric {@code name}, of {@code registration} when given. */
    static boolean metric(JsonNode item, String name, String registration) {
        JsonNode data = item.path("data");
        return "MetricData".equals(data.path("baseType").asText())
                && name.equals(data.path("baseData").path("metrics").path(0).path("name").asText())
                && (registration == null
                        || registration.equals(properties(item).path(MetricNames.REGISTRATION).asText()));
    }

    /** Whether {@code item} is a request (a call the app served). */
    static boolean request(JsonNode item) {
        return "RequestData".equals(item.path("data").path("baseType").asText());
    }

    /** A metric item's value. */
    static double value(JsonNode item) {
        return item.path("data").path("baseData").path("metrics").path(0).path("value").asDouble();
    }

    /** The item's dimensions ({@code customDimensions} in Application Insights). */
    static JsonNode properties(JsonNode item) {
        return item.path("data").path("baseData").path("properties");
    }
}
