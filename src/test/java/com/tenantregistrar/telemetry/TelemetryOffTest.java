package com.tenantregistrar.telemetry;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.LogCapture;
import com.tenantregistrar.config.RegistrarConfig;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Without APPLICATIONINSIGHTS_CONNECTION_STRING (the tests' default) the SDK's metric reader and span processor hand
 * their data to exporters that send nothing, nothing about telemetry is logged, and the app works as before.
 */
@QuarkusTest
class TelemetryOffTest extends EmulatedArmTest {

    /** An exporter as the SDK's providers name theirs ({@code exporter=…}, {@code spanExporter=…}). */
    private static final Pattern EXPORTER = Pattern.compile("(?i)exporter=([\\w.$@{}]+)");

    @Inject
    RegistrarConfig config;

    @Inject
    OpenTelemetry openTelemetry;

    @RegisterExtension
    final LogCapture log = new LogCapture();

    @Test
    void noConnectionStringNoExporterAndTheAppWorks() {
        assertTrue(config.telemetry().connectionString().isEmpty(), "the tests set no connection string");
        json(registerBody(SUBSCRIPTION, TENANT, "east")).post("/registerCustomer").then().statusCode(200);
        given().post("/checkDrift").then().statusCode(200);

        OpenTelemetrySdk sdk = (OpenTelemetrySdk) openTelemetry;
        String configured = sdk.getSdkMeterProvider() + " " + sdk.getSdkTracerProvider();
        Matcher exporters = EXPORTER.matcher(configured);
        int found = 0;
        while (exporters.find()) {
            found++;
            assertTrue(exporters.group(1).contains("Noop"), "an exporter that sends: " + configured);
        }
        assertEquals(2, found, "the metric reader's and the span processor's exporters: " + configured);
        assertEquals(0, log.atLeast(Level.WARNING).stream()
                .filter(line -> line.logger().startsWith("io.opentelemetry")
                        || line.logger().startsWith("io.quarkus.opentelemetry")
                        || line.logger().startsWith("com.azure.monitor"))
                .count(), "telemetry logged nothing");
    }
}
