package com.tenantregistrar.drift;

import static com.tenantregistrar.drift.DesiredStateFile.customer;
import static com.tenantregistrar.drift.DesiredStateFile.manifest;
import static com.tenantregistrar.drift.DriftReportTest.S1;
import static com.tenantregistrar.drift.DriftReportTest.S2;
import static com.tenantregistrar.drift.DriftReportTest.S3;
import static com.tenantregistrar.drift.DriftReportTest.S4;
import static com.tenantregistrar.drift.DriftReportTest.T1;
import static com.tenantregistrar.drift.DriftReportTest.T2;
import static com.tenantregistrar.drift.DriftReportTest.T3;
import static com.tenantregistrar.drift.DriftReportTest.T4;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.emulator.EmulatorState.ArmRequest;
import com.tenantregistrar.emulator.Fault;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** REGISTRAR_DRIFT_MODE=reconcile with REGISTRAR_DRIFT_MAX_REMOVALS=1. */
@QuarkusTest
@TestProfile(DriftReconcileTest.Reconcile.class)
class DriftReconcileTest extends EmulatedArmTest {

    public static class Reconcile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("registrar.drift.mode", "reconcile", "registrar.drift.max-removals", "1");
        }
    }

    private static final String S5 = "55555555-5555-4555-8555-555555555555";
    private static final String T5 = "aaaaaaaa-5555-4555-8555-555555555555";

    private List<String> writes() {
        return armCalls().stream().filter(c -> !c.method().equals("GET"))
                .map(ArmRequest::method).sorted().toList();
    }

    @Test
    void registersTheMissingAndMismatchedAndRemovesOnlyWithinTheBudget() {
        DesiredStateFile.write(manifest(customer(S1, T1), customer(S2, T2, "east"), customer(S3, T3, "west")));
        arm.seed(east(), S1, T1);
        arm.seed(east(), S4, T4);
        arm.seed(west(), S3, T2);
        arm.seed(west(), S5, T5);

        given().post("/checkDrift").then().statusCode(200)
                .body("mode", equalTo("reconcile"))
                .body("inSync", equalTo(false))
                .body("actions", equalTo(List.of(
                        Map.of("action", "register", "registration", "east", "customerSubscriptionId", S2, "status", "registered"),
                        Map.of("action", "register", "registration", "west", "customerSubscriptionId", S1, "status", "registered"),
                        Map.of("action", "register", "registration", "west", "customerSubscriptionId", S3, "status", "registered"),
                        Map.of("action", "remove", "registration", "east", "customerSubscriptionId", S4, "status", "removed"),
                        Map.of("action", "remove", "registration", "west", "customerSubscriptionId", S5, "status", "skipped"))));

        assertEquals(List.of("DELETE", "PUT", "PUT", "PUT"), writes());
        assertEquals(Map.of(S1, T1, S2, T2), arm.customersOf(east()));
        assertEquals(Map.of(S1, T1, S3, T3, S5, T5), arm.customersOf(west()));

        given().post("/checkDrift").then().statusCode(200)
                .body("missing", empty()).body("tenantMismatch", empty())
                .body("unexpected.customerSubscriptionId", equalTo(List.of(S5)));
    }

    @Test
    void aFailedRepairIsReportedAndTheOthersStillHappen() {
        DesiredStateFile.write(manifest(customer(S1, T1)));
        arm.inject(Fault.error("PUT", "azurestack-west", 400, "BadCustomerSubscriptionId", -1));
        given().post("/checkDrift").then().statusCode(200)
                .body("actions.status", equalTo(List.of("registered", "failed")))
                .body("actions[1].error.code", equalTo("BadCustomerSubscriptionId"));
        assertEquals(Map.of(S1, T1), arm.customersOf(east()));
    }

    @Test
    void aDryRunWritesNothing() {
        DesiredStateFile.write(manifest(customer(S1, T1)));
        arm.seed(east(), S4, T4);
        json("{\"mode\": \"report\"}").post("/checkDrift").then().statusCode(200)
                .body("mode", equalTo("report"))
                .body("actions", empty());
        assertEquals(List.of(), writes());
    }

    @Test
    void anEmptyManifestRemovesNoMoreThanTheBudget() {
        DesiredStateFile.write(manifest());
        arm.seed(east(), S1, T1);
        arm.seed(west(), S1, T1);
        given().post("/checkDrift").then().statusCode(200)
                .body("actions.status", equalTo(List.of("removed", "skipped")));
        assertEquals(List.of("DELETE"), writes());
    }
}
