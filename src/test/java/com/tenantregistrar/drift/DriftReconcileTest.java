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
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.emulator.EmulatorState.ArmRequest;
import com.tenantregistrar.emulator.Fault;
import com.tenantregistrar.journal.Journal;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** REGISTRAR_DRIFT_MODE=reconcile with the other drift settings at their defaults. */
@QuarkusTest
@TestProfile(DriftReconcileTest.Reconcile.class)
class DriftReconcileTest extends EmulatedArmTest {

    public static class Reconcile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("registrar.drift.mode", "reconcile");
        }
    }

    /** S1 belongs everywhere, S2 on east only, S3 on west only; east also holds S4 and west holds S3 with T2. */
    private void driftedEstate() {
        DesiredStateFile.write(manifest(customer(S1, T1), customer(S2, T2, "east"), customer(S3, T3, "west")));
        arm.seed(east(), S1, T1);
        arm.seed(east(), S4, T4);
        arm.seed(west(), S3, T2);
    }

    /** {@code n} customers the manifest puts on east, none of them registered. */
    static List<String> missingOnEast(int n) {
        List<String> subscriptions = IntStream.range(0, n)
                .mapToObj(i -> String.format("%08d-0000-4000-8000-%012d", i, i)).toList();
        DesiredStateFile.write(manifest(IntStream.range(0, n)
                .mapToObj(i -> customer(subscriptions.get(i), String.format("%08d-1111-4000-8000-%012d", i, i), "east"))
                .toArray(String[]::new)));
        return subscriptions;
    }

    private List<ArmRequest> writes() {
        return armCalls().stream().filter(c -> !c.method().equals("GET")).toList();
    }

    private static Map<String, String> action(String action, String registration, String subscription, String status) {
        return Map.of("action", action, "registration", registration, "customerSubscriptionId", subscription,
                "status", status);
    }

    private static Map<String, String> action(String action, String registration, String subscription, String status,
            String reason) {
        Map<String, String> entry = new HashMap<>(action(action, registration, subscription, status));
        entry.put("reason", reason);
        return entry;
    }

    @Test
    void checkDriftOnlyReportsEvenWhenTheAppReconciles() {
        driftedEstate();
        for (int i = 0; i < 3; i++) {
            given().post("/checkDrift").then().statusCode(200)
                    .body("mode", equalTo("report"))
                    .body("actions", empty());
        }
        assertEquals(List.of(), writes());
    }

    @Test
    void theTimerRegistersTheMissingAndHoldsTenantRewritesAndRemovalsByDefault() {
        driftedEstate();
        Response run = TimerRequest.run();
        run.then().statusCode(200)
                .body("ReturnValue.mode", equalTo("reconcile"))
                .body("ReturnValue.actions", equalTo(List.of(
                        action("register", "east", S2, "registered"),
                        action("register", "west", S1, "registered"),
                        action("rewrite", "west", S3, "held", "removalBudget"),
                        action("remove", "east", S4, "held", "removalBudget"))))
                .body("Logs", equalTo(List.of(
                        "driftCheck (reconcile): DRIFT; 2 registrations (0 unreadable), 2 missing, 1 unexpected, "
                                + "1 tenant mismatches, 4 actions (0 failed, 0 skipped, 2 held); "
                                + TimerRequest.where(run),
                        "register " + S2 + " on east: registered",
                        "register " + S1 + " on west: registered",
                        "rewrite " + S3 + " on west: held (removalBudget)",
                        "remove " + S4 + " on east: held (removalBudget)")));

        assertEquals(List.of("PUT", "PUT"), writes().stream().map(ArmRequest::method).toList());
        assertEquals(Map.of(S1, T1, S2, T2, S4, T4), arm.customersOf(east()));
        assertEquals(Map.of(S1, T1, S3, T2), arm.customersOf(west()), "the tenant rewrite is held: billing unchanged");
    }

    @Test
    void aThrottledRunSlowsDownAndGoesOnWithoutAFailure() {
        List<String> subscriptions = missingOnEast(12);
        // ARM throttles the first four writes it receives, asking for a second each time.
        arm.inject(Fault.throttle("PUT", "customerSubscriptions", 1, 4));
        TimerRequest.run().then().statusCode(200)
                .body("ReturnValue.actions.status", everyItem(equalTo("registered")))
                .body("ReturnValue.actions", hasSize(12));
        assertEquals(subscriptions.size(), arm.customersOf(east()).size());
        assertEquals(12 + 4, writes().size(), "each throttled write tried again once the Retry-After passed");
        String throttled = writes().get(0).path().replaceAll(".*/", "");
        assertTrue(Journal.await("customerSubscriptionId=" + throttled, c -> !c.isEmpty()).stream()
                .noneMatch(r -> "failed".equals(r.get("outcome"))), "a throttled attempt is not a failed write");
    }

    @Test
    void aSubscriptionWhoseWritesWaitOutARetryAfterHoldsNoTurnFromTheOthers() {
        // Ten customers on both registrations, which are in two subscriptions; ARM throttles east's first 8 writes
        // (as many as REGISTRAR_ARM_MAX_CONCURRENCY has under way) for 5 s.
        DesiredStateFile.write(manifest(IntStream.range(0, 10).mapToObj(i -> customer(
                String.format("%08d-0000-4000-8000-%012d", i, i), String.format("%08d-1111-4000-8000-%012d", i, i)))
                .toArray(String[]::new)));
        arm.inject(Fault.throttle("PUT", "registrations/testregistration/", 5, 8));
        TimerRequest.run().then().statusCode(200)
                .body("ReturnValue.actions.status", everyItem(equalTo("registered")))
                .body("ReturnValue.actions", hasSize(20));
        List<String> order = writes().stream().map(c -> c.path().contains("testregistration") ? "east" : "west")
                .toList();
        assertEquals(8 + 10 + 10, order.size(), "east's 8 throttled writes tried again, once: " + order);
        // Had east's waiting writes held the turns, west's would have come after east's retries.
        long eastBeforeWestEnded = order.subList(0, order.lastIndexOf("west")).stream().filter("east"::equals).count();
        assertTrue(eastBeforeWestEnded <= 10, "west's writes went on while east's waited out the Retry-After: "
                + order);
    }

    @Test
    void aThrottlingThatOutlastsTheDeadlineSkipsTheWritesWithoutFailingOne() {
        List<String> subscriptions = missingOnEast(40);
        // Retry-After 10 minutes: past the run's 8-minute deadline.
        arm.inject(Fault.throttle("PUT", "customerSubscriptions", 600, -1));
        TimerRequest.run().then().statusCode(429)
                .body("error.code", equalTo("Throttled"))
                .body("error.message", containsString("REGISTRAR_DRIFT_DEADLINE"))
                .body("ReturnValue.actions.status", everyItem(equalTo("skipped")))
                .body("ReturnValue.actions.reason", everyItem(equalTo("throttled")))
                .body("ReturnValue.actions", hasSize(40))
                .body("Logs[1]", equalTo("register " + subscriptions.get(0) + " on east: skipped (throttled)"));
        assertTrue(writes().size() <= 8, "no write tried after the first 429 but those already under way: "
                + writes().size());
    }

    @Test
    void aTransientFailureStopsTheRunAndTheRunFails() {
        missingOnEast(20);
        arm.inject(Fault.error("PUT", "customerSubscriptions", 503, "ServiceUnavailable", -1));
        List<String> statuses = TimerRequest.run().then().statusCode(502)
                .body("error.code", equalTo("ServiceUnavailable"))
                .body("ReturnValue.actions[0].status", equalTo("failed"))
                .body("ReturnValue.actions[19].status", equalTo("skipped"))
                .body("ReturnValue.actions[19].reason", equalTo("upstreamFailure"))
                .extract().jsonPath().getList("ReturnValue.actions.status", String.class);
        long failed = statuses.stream().filter("failed"::equals).count();
        assertTrue(failed <= 8, "only the writes already under way (REGISTRAR_ARM_MAX_CONCURRENCY) fail: " + failed);
        assertEquals(failed, writes().stream().map(ArmRequest::path).distinct().count(),
                "the app's own retries of the writes under way, and no other write");
    }

    @Test
    void aPermanentFailureDoesNotStopTheOtherWritesButFailsTheRun() {
        DesiredStateFile.write(manifest(customer(S1, T1)));
        arm.inject(Fault.error("PUT", "azurestack-west", 400, "BadCustomerSubscriptionId", -1));
        TimerRequest.run().then().statusCode(400)
                .body("error.code", equalTo("BadCustomerSubscriptionId"))
                .body("ReturnValue.actions.status", equalTo(List.of("registered", "failed")))
                .body("ReturnValue.actions[1].error.code", equalTo("BadCustomerSubscriptionId"))
                .body("Logs[2]", equalTo("register " + S1 + " on west: failed (BadCustomerSubscriptionId)"));
        assertEquals(Map.of(S1, T1), arm.customersOf(east()));
    }

    @Test
    void anUnreadableRegistrationFailsTheRunWhileTheOthersAreRepaired() {
        DesiredStateFile.write(manifest(customer(S1, T1)));
        arm.inject(Fault.error("GET", "azurestack-west", 403, "AuthorizationFailed", -1));
        TimerRequest.run().then().statusCode(403)
                .body("error.code", equalTo("AuthorizationFailed"))
                .body("ReturnValue.actions", equalTo(List.of(action("register", "east", S1, "registered"))))
                .body("Logs[1]", equalTo("registration west: unreadable (AuthorizationFailed)"));
        assertEquals(Map.of(S1, T1), arm.customersOf(east()));
    }

    @Test
    void theLogsNameTheFirstFiftySubscriptionsAndCountTheRest() {
        List<String> subscriptions = missingOnEast(60);
        List<String> expected = new ArrayList<>();
        subscriptions.subList(0, 50).forEach(s -> expected.add("register " + s + " on east: registered"));
        Response run = TimerRequest.run();
        expected.add("... 10 more in the report (" + TimerRequest.where(run) + ")");
        List<String> logs = run.then().statusCode(200)
                .body("ReturnValue.actions", hasSize(60))
                .extract().jsonPath().getList("Logs", String.class);
        assertEquals(expected, logs.subList(1, logs.size()));
        assertEquals(60, writes().size());
    }

    @Test
    void aSecondScheduledRunWhileOneIsGoingIsRefusedWithoutTouchingArm() throws Exception {
        DesiredStateFile.write(manifest(customer(S1, T1)));
        arm.seed(east(), S1, T1);
        arm.seed(west(), S1, T1);
        CompletableFuture<Void> release = new CompletableFuture<>();
        arm.inject(Fault.hold("GET", "customerSubscriptions", release, 2)); // the first run's reads wait
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(TimerRequest::run);
        try {
            for (int i = 0; i < 1500 && armCalls().size() < 2 && !first.isDone(); i++) {
                Thread.sleep(20);
            }
            assertFalse(first.isDone(), () -> "the first run ended early: " + first.join().asString());

            TimerRequest.run().then().statusCode(409).body("error.code", equalTo("DriftCheckRunning"));
            assertEquals(2, armCalls().size(), "the refused run reads nothing");
            // A report-only check writes nothing, so it may run beside the scheduled one.
            given().post("/checkDrift").then().statusCode(200).body("inSync", equalTo(true));
        } finally {
            release.complete(null);
        }

        first.get().then().statusCode(200);
        TimerRequest.run().then().statusCode(200);
    }
}
