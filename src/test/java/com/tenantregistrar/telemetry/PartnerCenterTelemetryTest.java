package com.tenantregistrar.telemetry;

import static com.tenantregistrar.drift.DesiredStateFile.manifest;
import static com.tenantregistrar.telemetry.TelemetryItems.await;
import static com.tenantregistrar.telemetry.TelemetryItems.metric;
import static com.tenantregistrar.telemetry.TelemetryItems.properties;
import static com.tenantregistrar.telemetry.TelemetryItems.value;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.drift.DesiredStateFile;
import com.tenantregistrar.drift.WithPartnerCenter;
import com.tenantregistrar.emulator.PartnerCenterState;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With Partner Center as the source: its call latency and the age of its last complete generation arrive, and neither
 * a customer's company name nor the Partner Center app's client secret does.
 */
@QuarkusTest
@TestProfile(PartnerCenterTelemetryTest.WithTelemetryAndPartnerCenter.class)
class PartnerCenterTelemetryTest extends EmulatedArmTest {

    static final String COMPANY = "Northwind Traders Telemetry Ltd";
    static final String CUSTOMER = "c7c7c7c7-0000-4000-8000-000000000007";

    /** The stand-in, and Partner Center through the emulated Entra with a client secret. */
    public static class WithTelemetryAndPartnerCenter implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return new HashMap<>(WithPartnerCenter.connection());
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(IngestionResource.class));
        }
    }

    @Inject
    PartnerCenterState partnerCenter;

    @ConfigProperty(name = "registrar.partner-center.client-secret")
    String clientSecret;

    @Test
    void partnerCenterFiguresArriveWithoutCompanyNamesOrTheClientSecret() {
        partnerCenter.reset();
        DesiredStateFile.write(manifest());
        partnerCenter.addCustomer(CUSTOMER, COMPANY)
                .addSubscription(CUSTOMER, "e7000000-0000-4000-8000-000000000007", PartnerCenterState.AZURE_PLAN_OFFER,
                        "active")
                .addAzureEntitlement(CUSTOMER, "e7000000-0000-4000-8000-000000000007",
                        "a7000000-0000-4000-8000-000000000007", "active");
        given().post("/checkDrift").then().statusCode(200);

        await(item -> metric(item, MetricNames.CALL_DURATION, null)
                && MetricNames.PARTNER_CENTER.equals(properties(item).path(MetricNames.SERVICE).asText())
                && "200".equals(properties(item).path(MetricNames.STATUS).asText()));
        await(item -> metric(item, MetricNames.PARTNER_CENTER_GENERATION_AGE, null));
        await(item -> metric(item, MetricNames.DRIFT_MISSING, "east")
                && value(item) == 1.0);

        List<String> bodies = IngestionResource.standIn().bodies();
        assertTrue(bodies.stream().noneMatch(body -> body.contains("Northwind")), "a company name reached telemetry");
        assertTrue(bodies.stream().noneMatch(body -> body.contains(clientSecret)), "the client secret did");
    }
}
