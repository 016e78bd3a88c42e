package com.tenantregistrar.telemetry;

import static com.tenantregistrar.drift.DesiredStateFile.customer;
import static com.tenantregistrar.drift.DesiredStateFile.manifest;
import static com.tenantregistrar.telemetry.TelemetryItems.await;
import static com.tenantregistrar.telemetry.TelemetryItems.metric;
import static com.tenantregistrar.telemetry.TelemetryItems.properties;
import static com.tenantregistrar.telemetry.TelemetryItems.request;
import static com.tenantregistrar.telemetry.TelemetryItems.value;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.drift.DesiredStateFile;
import com.tenantregistrar.emulator.Fault;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With APPLICATIONINSIGHTS_CONNECTION_STRING set, Microsoft's Azure Monitor exporter sends the app's metrics and its
 * requests to the connection string's ingestion endpoint (a local stand-in here): what arrives is what an operator's
 * alert queries read, and nothing secret arrives.
 */
@QuarkusTest
@TestProfile(TelemetryExportTest.WithTelemetry.class)
class TelemetryExportTest extends EmulatedArmTest {

    static final String S1 = SUBSCRIPTION;
    static final String T1 = TENANT;
    /** A second customer, of another tenant. */
    static final String S2 = "7d3e5a10-4c2b-4f8e-9a61-0b2c3d4e5f60";
    static final String T2 = "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f";
    static final String FUNCTION_KEY = "fk-9f1c27d4e5b84a6a";

    /** The test profile: the stand-in and its connection string. */
    public static class WithTelemetry implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(IngestionResource.class));
        }
    }

    @ConfigProperty(name = "registrar.emulator.identity-header")
    String identityHeader;

    @Test
    void aDriftRunsMissingCustomersArriveAsTheMissingMetricOfTheirRegistration() {
        DesiredStateFile.write(manifest(customer(S1, T1, "east"), customer(S2, T2, "east")));
        given().header("x-ms-correlation-request-id", "telemetry-drift-1").queryParam("code", FUNCTION_KEY)
                .post("/checkDrift").then().statusCode(200);

        JsonNode missing = await(item -> metric(item, MetricNames.DRIFT_MISSING, "east")
                && value(item) == 2.0);
        assertEquals(2.0, value(missing));
        // west holds nothing and should hold nothing: 0, not absent.
        await(item -> metric(item, MetricNames.DRIFT_MISSING, "west") && value(item) == 0.0);
        await(item -> metric(item, MetricNames.DRIFT_MISSING_AGE, "east"));
        await(item -> metric(item, MetricNames.DRIFT_RUNS, null)
                && "complete".equals(properties(item).path(MetricNames.OUTCOME).asText())
                && "function".equals(properties(item).path(MetricNames.TRIGGER).asText()));

        // The call's request telemetry carries its correlation ID.
        JsonNode request = await(item -> request(item)
                && "telemetry-drift-1".equals(properties(item).path(MetricNames.CORRELATION_ID).asText()));
        assertEquals("checkDrift", properties(request).path(MetricNames.FUNCTION).asText());
    }

    @Test
    void armWritesTheirLatencyAnd403sArriveByOutcomeAndStatus() {
        arm.inject(Fault.error("PUT", S1, 403, "AuthorizationFailed", -1));
        json(registerBody(S1, T1, "east")).post("/registerCustomer").then().statusCode(403);
        await(item -> metric(item, MetricNames.ARM_WRITES, "east")
                && "failed".equals(properties(item).path(MetricNames.OUTCOME).asText())
                && "register".equals(properties(item).path(MetricNames.ACTION).asText()));
        await(item -> metric(item, MetricNames.CALL_DURATION, null)
                && MetricNames.ARM.equals(properties(item).path(MetricNames.SERVICE).asText())
                && "403".equals(properties(item).path(MetricNames.STATUS).asText()));
    }

    @Test
    void noFunctionKeyTokenOrIdentitySecretReachesTelemetry() {
        DesiredStateFile.write(manifest(customer(S1, T1, "east")));
        given().header("x-ms-correlation-request-id", "telemetry-secrets-1").queryParam("code", FUNCTION_KEY)
                .post("/checkDrift").then().statusCode(200);
        json(registerBody(S2, T2, "east")).queryParam("code", FUNCTION_KEY).post("/registerCustomer").then()
                .statusCode(200);
        await(item -> "telemetry-secrets-1".equals(properties(item).path(MetricNames.CORRELATION_ID).asText()));
        await(item -> metric(item, MetricNames.ARM_WRITES, "east"));

        List<String> secrets = new ArrayList<>(arm.issuedTokens());
        assertFalse(secrets.isEmpty(), "the app got tokens");
        secrets.add(identityHeader);
        secrets.add(FUNCTION_KEY);
        List<String> bodies = IngestionResource.standIn().bodies();
        for (String secret : secrets) {
            assertTrue(bodies.stream().noneMatch(body -> body.contains(secret)), "a secret reached telemetry");
        }
        assertTrue(bodies.stream().noneMatch(body -> body.contains("code=")), "no query string reached telemetry");
    }
}
