package com.tenantregistrar.drift;

import static com.tenantregistrar.drift.DriftReportTest.S1;
import static com.tenantregistrar.drift.DriftReportTest.S2;
import static com.tenantregistrar.drift.DriftReportTest.T1;
import static com.tenantregistrar.drift.DriftReportTest.T2;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Without a manifest the check inventories the registrations and changes nothing, even in reconcile mode. */
@QuarkusTest
@TestProfile(DriftInventoryTest.NoManifest.class)
class DriftInventoryTest extends EmulatedArmTest {

    public static class NoManifest implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("registrar.desired-state", "", "registrar.drift.mode", "reconcile");
        }
    }

    @Test
    void reportsCustomersPresentOnSomeRegistrationsButNotOthers() {
        arm.seed(east(), S1, T1);
        arm.seed(east(), S2, T2);
        arm.seed(west(), S1, T1);

        given().post("/checkDrift").then().statusCode(200)
                .body("mode", equalTo("report"))
                .body("inSync", equalTo(false))
                .body(DriftReportTest.MISSING, equalTo(List.of(Map.of("registration", "west", "customerSubscriptionId", S2,
                        "tenantId", T2))))
                .body("unexpected", empty())
                .body("actions", empty())
                .body("registrations", equalTo(List.of(Map.of("registration", "east", "registered", 2),
                        Map.of("registration", "west", "registered", 1))));
        TimerRequest.run().then().statusCode(200)
                .body("ReturnValue.mode", equalTo("report"))
                .body("ReturnValue.actions", empty());
        assertTrue(armCalls().stream().allMatch(c -> c.method().equals("GET")), "the timer writes nothing either");
    }
}
