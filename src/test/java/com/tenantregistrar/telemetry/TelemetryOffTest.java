package com.tenantregistrar.telemetry;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;

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
 * Without APPLICATIONINSIGHTS_CONNECTION_STRING (the tests' default) no exporter is configured, nothing is sent,
 * nothing about telemetry is logged, and the app works as before.
 */
@QuarkusTest
class TelemetryOffTest extends EmulatedArmTest {

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
        for (String exporter : new String[] { "AzureMonitor", "Otlp", "VertxHttp", "VertxGrpc", "Logging" }) {
            assertFalse(configured.contains(exporter), exporter + " exporter configured: " + configured);
        }
        assertEquals(0, log.atLeast(Level.WARNING).stream()
                .filter(line -> line.logger().startsWith("io.opentelemetry") || line.logger().startsWith("io.quarkus.opentelemetry")
                        || line.logger().startsWith("com.azure.monitor"))
                .count(), "telemetry logged nothing");
    }
}
