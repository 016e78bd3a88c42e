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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.emulator.EmulatorState.ArmRequest;
import com.tenantregistrar.emulator.Fault;
import com.tenantregistrar.journal.Journal;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Reconcile with REGISTRAR_DRIFT_MAX_REMOVALS=1 and REGISTRAR_DRIFT_MAX_WRITES=3. */
@QuarkusTest
@TestProfile(DriftBudgetTest.Budgets.class)
class DriftBudgetTest extends EmulatedArmTest {

    public static class Budgets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // No grace: what holds the writes here is the budget alone (the manifest is the source).
            return Map.of("registrar.drift.mode", "reconcile", "registrar.drift.max-removals", "1",
                    "registrar.drift.max-writes", "3", "registrar.drift.removal-grace", "0");
        }
    }

    private List<String> writes() {
        return armCalls().stream().filter(c -> !c.method().equals("GET")).map(ArmRequest::method).toList();
    }

    @Test
    void tenantRewritesAndRemovalsShareTheRemovalBudget() {
        DesiredStateFile.write(manifest(customer(S1, T3, "west")));
        arm.seed(west(), S1, T1);
        arm.seed(east(), S4, T4);
        TimerRequest.run().then().statusCode(200)
                .body("ReturnValue.actions.action", equalTo(List.of("rewrite", "remove")))
                .body("ReturnValue.actions.status", equalTo(List.of("registered", "held")))
                .body("ReturnValue.actions.reason", equalTo(Arrays.asList(null, "removalBudget")));
        assertEquals(List.of("PUT"), writes());
        assertEquals(Map.of(S1, T3), arm.customersOf(west()));
        assertEquals(Map.of(S4, T4), arm.customersOf(east()));
    }

    @Test
    void anEmptiedManifestCannotBeDrainedByCallingCheckDriftAgainAndAgain() {
        DesiredStateFile.write(manifest());
        arm.seed(east(), S1, T1);
        arm.seed(east(), S2, T2);
        arm.seed(west(), S3, T3);
        for (int i = 0; i < 3; i++) {
            given().post("/checkDrift").then().statusCode(200);
        }
        assertEquals(List.of(), writes());

        TimerRequest.run().then().statusCode(200)
                .body("ReturnValue.actions.status", equalTo(List.of("removed", "held", "held")));
        assertEquals(List.of("DELETE"), writes());
    }

    @Test
    void anEntryWhoseTenantChangedBetweenTheDecisionAndTheDeleteIsSkippedAsChangedAndKept() throws Exception {
        DesiredStateFile.write(manifest(customer(S1, T1, "east")));
        arm.seed(east(), S1, T1);
        arm.seed(east(), S4, T4);
        // The run decides on S4 (T4, unexpected); while its GET right before the DELETE is on its way, another
        // writer puts S4 with T2 (a customer onboarded by hand, say).
        CompletableFuture<Void> release = new CompletableFuture<>();
        arm.inject(Fault.hold("GET", "customerSubscriptions/" + S4, release, 1));
        CompletableFuture<Response> run = CompletableFuture.supplyAsync(TimerRequest::run);
        for (int i = 0; i < 1500 && armCalls().stream().noneMatch(c -> c.method().equals("GET")
                && c.path().endsWith(S4)); i++) {
            Thread.sleep(20);
        }
        arm.seed(east(), S4, T2);
        release.complete(null);

        run.get(60, TimeUnit.SECONDS).then().statusCode(200)
                .body("ReturnValue.actions", equalTo(List.of(Map.of("action", "remove", "registration", "east",
                        "customerSubscriptionId", S4, "status", "skipped", "reason", "changed"))));
        assertEquals(List.of(), writes(), "nothing written on a view the entry no longer matches");
        assertEquals(Map.of(S1, T1, S4, T2), arm.customersOf(east()));
    }

    @Test
    void aTenantsNewSubscriptionReplacesItsOldOneAsADestructiveWriteWithinTheBudget() {
        // T1 moves from S1 to S2 on east: ARM keeps one subscription per tenant, so the PUT of S2 unmaps S1.
        DesiredStateFile.write(manifest(customer(S2, T1, "east")));
        arm.seed(east(), S1, T1);
        arm.seed(east(), S4, T4);
        TimerRequest.run().then().statusCode(200)
                .body("ReturnValue.actions", equalTo(List.of(
                        Map.of("action", "replace", "registration", "east", "customerSubscriptionId", S2,
                                "previousSubscriptionId", S1, "status", "registered"),
                        Map.of("action", "remove", "registration", "east", "customerSubscriptionId", S4,
                                "status", "held", "reason", "removalBudget"))));
        assertEquals(List.of("PUT"), writes(), "S1 is unmapped by the PUT, not removed besides");
        assertEquals(Map.of(S2, T1, S4, T4), arm.customersOf(east()));
        // The journal says what the replacement unmapped, and who made it.
        assertTrue(Journal.await("customerSubscriptionId=" + S2 + "&caller=timer", c -> c.stream().anyMatch(
                r -> "replace".equals(r.get("action")) && S1.equals(r.get("previousSubscriptionId")))).size() > 0);
    }

    @Test
    void theWriteCapSkipsTheRestAndFailsTheRun() {
        List<String> subscriptions = DriftReconcileTest.missingOnEast(5);
        TimerRequest.run().then().statusCode(503)
                .body("error.code", equalTo("DriftWriteCapReached"))
                .body("error.message", containsString("REGISTRAR_DRIFT_MAX_WRITES"))
                .body("ReturnValue.actions.status",
                        equalTo(List.of("registered", "registered", "registered", "skipped", "skipped")))
                .body("ReturnValue.actions[4].reason", equalTo("writeCap"))
                .body("Logs[5]", equalTo("register " + subscriptions.get(4) + " on east: skipped (writeCap)"));
        assertEquals(List.of("PUT", "PUT", "PUT"), writes());
    }

    @Test
    void theWriteCapLimitsTheAdditionsOnlyNotTheDestructiveWritesTheRemovalBudgetAllows() {
        List<String> subscriptions = DriftReconcileTest.missingOnEast(4);
        arm.seed(west(), S4, T4);
        TimerRequest.run().then().statusCode(503)
                .body("error.code", equalTo("DriftWriteCapReached"))
                .body("error.message", containsString("3 additions"))
                .body("ReturnValue.actions.action", equalTo(List.of("register", "register", "register", "register",
                        "remove")))
                .body("ReturnValue.actions.status", equalTo(List.of("registered", "registered", "registered",
                        "skipped", "removed")))
                .body("ReturnValue.actions[3].customerSubscriptionId", equalTo(subscriptions.get(3)))
                .body("ReturnValue.actions[3].reason", equalTo("writeCap"));
        assertEquals(List.of("DELETE", "PUT", "PUT", "PUT"), writes().stream().sorted().toList());
        assertEquals(Map.of(), arm.customersOf(west()), "the removal the budget allows is made past the cap");
    }
}
