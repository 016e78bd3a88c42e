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
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.emulator.Fault;
import com.tenantregistrar.journal.Journal;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Reconcile with REGISTRAR_DRIFT_DEADLINE=5s, and ARM answers that take longer than that; one ARM request at a time
 * (REGISTRAR_ARM_MAX_CONCURRENCY=1), so that the deadline falls between two writes. Each test's first run follows a
 * checkDrift that warms the connection to ARM, so that only the injected delay decides where the deadline falls.
 */
@QuarkusTest
@TestProfile(DriftDeadlineTest.ShortDeadline.class)
class DriftDeadlineTest extends EmulatedArmTest {

    public static class ShortDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("registrar.drift.mode", "reconcile", "registrar.drift.deadline", "5s",
                    "registrar.arm.response-timeout", "10s", "registrar.arm.max-concurrency", "1");
        }
    }

    private void warmUp() {
        given().post("/checkDrift").then().statusCode(200);
        arm.reset();
    }

    private long writes() {
        return armCalls().stream().filter(c -> !c.method().equals("GET")).count();
    }

    @Test
    void noWriteStartsAfterTheDeadline() {
        DesiredStateFile.write(manifest(customer(S1, T1, "east"), customer(S2, T2, "east")));
        warmUp();
        arm.inject(Fault.delay("PUT", "customerSubscriptions", Duration.ofSeconds(6), 1));
        TimerRequest.run().then().statusCode(504)
                .body("error.code", equalTo("DriftDeadlineReached"))
                .body("ReturnValue.actions.status", equalTo(List.of("registered", "skipped")))
                .body("ReturnValue.actions[1].reason", equalTo("deadline"));
        assertEquals(1, writes());
    }

    @Test
    void readsThatOverrunTheDeadlineFailTheRunAndWriteNothing() {
        DesiredStateFile.write(manifest(customer(S1, T1)));
        warmUp();
        arm.inject(Fault.delay("GET", "customerSubscriptions", Duration.ofSeconds(6), 2));
        TimerRequest.run().then().statusCode(504).body("error.code", equalTo("DriftDeadlineExceeded"));
        assertEquals(0, writes());
    }

    @Test
    void whatTheDeadlineSkippedIsNotAFailureAndTheNextRunWritesItFirst() {
        DesiredStateFile.write(manifest(customer(S1, T1, "east"), customer(S2, T2, "east"), customer(S3, T3, "east")));
        warmUp();
        String since = Instant.now().toString();
        arm.inject(Fault.delay("PUT", "customerSubscriptions", Duration.ofSeconds(6), 1));
        TimerRequest.run().then().statusCode(504)
                .body("ReturnValue.actions.customerSubscriptionId", equalTo(List.of(S1, S2, S3)))
                .body("ReturnValue.actions.status", equalTo(List.of("registered", "skipped", "skipped")))
                .body("ReturnValue.actions.reason", equalTo(Arrays.asList(null, "deadline", "deadline")));
        // The journal stores in the background: once the run's one write is there, a failed S2 would be too.
        Journal.await("customerSubscriptionId=" + S1 + "&since=" + since, changes -> !changes.isEmpty());
        assertEquals(List.of(), Journal.changes("customerSubscriptionId=" + S2 + "&since=" + since),
                "a skipped write is not journaled");

        // A new customer, first in the manifest; the previously skipped S2 and S3 have been missing longer.
        DesiredStateFile.write(manifest(customer(S4, T4, "east"), customer(S1, T1, "east"), customer(S2, T2, "east"),
                customer(S3, T3, "east")));
        int before = armCalls().size();
        arm.inject(Fault.delay("PUT", "customerSubscriptions", Duration.ofSeconds(6), 1));
        TimerRequest.run().then().statusCode(504)
                .body("ReturnValue.actions.customerSubscriptionId", equalTo(List.of(S2, S3, S4)))
                .body("ReturnValue.actions.status", equalTo(List.of("registered", "skipped", "skipped")));
        List<String> puts = armCalls().subList(before, armCalls().size()).stream()
                .filter(c -> c.method().equals("PUT")).map(c -> c.path().replaceAll(".*/", "")).toList();
        assertEquals(List.of(S2), puts, "the longest missing first");
    }
}
