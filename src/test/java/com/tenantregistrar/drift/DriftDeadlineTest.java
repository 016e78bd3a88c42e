package com.tenantregistrar.drift;

import static com.tenantregistrar.drift.DesiredStateFile.customer;
import static com.tenantregistrar.drift.DesiredStateFile.manifest;
import static com.tenantregistrar.drift.DriftReportTest.S1;
import static com.tenantregistrar.drift.DriftReportTest.S2;
import static com.tenantregistrar.drift.DriftReportTest.T1;
import static com.tenantregistrar.drift.DriftReportTest.T2;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.emulator.Fault;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Reconcile with REGISTRAR_DRIFT_DEADLINE=3s, and ARM answers that may take longer than that. */
@QuarkusTest
@TestProfile(DriftDeadlineTest.ShortDeadline.class)
class DriftDeadlineTest extends EmulatedArmTest {

    public static class ShortDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("registrar.drift.mode", "reconcile", "registrar.drift.deadline", "3s",
                    "registrar.arm.response-timeout", "10s");
        }
    }

    private long writes() {
        return armCalls().stream().filter(c -> !c.method().equals("GET")).count();
    }

    @Test
    void noWriteStartsAfterTheDeadline() {
        DesiredStateFile.write(manifest(customer(S1, T1, "east"), customer(S2, T2, "east")));
        arm.inject(Fault.delay("PUT", "customerSubscriptions", Duration.ofSeconds(4), 1));
        TimerRequest.run().then().statusCode(504)
                .body("error.code", equalTo("DriftDeadlineReached"))
                .body("ReturnValue.actions.status", equalTo(List.of("registered", "skipped")))
                .body("ReturnValue.actions[1].reason", equalTo("deadline"));
        assertEquals(1, writes());
    }

    @Test
    void readsThatOverrunTheDeadlineFailTheRunAndWriteNothing() {
        DesiredStateFile.write(manifest(customer(S1, T1)));
        arm.inject(Fault.delay("GET", "customerSubscriptions", Duration.ofSeconds(4), 2));
        TimerRequest.run().then().statusCode(504).body("error.code", equalTo("DriftDeadlineExceeded"));
        assertEquals(0, writes());
    }

    @Test
    void aSecondScheduledRunWhileOneIsGoingIsRefusedWithoutTouchingArm() throws Exception {
        DesiredStateFile.write(manifest(customer(S1, T1)));
        arm.seed(east(), S1, T1);
        arm.seed(west(), S1, T1);
        arm.inject(Fault.delay("GET", "customerSubscriptions", Duration.ofMillis(1500), 2));
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(TimerRequest::run);
        while (armCalls().size() < 2) {
            Thread.sleep(10);
        }

        TimerRequest.run().then().statusCode(409).body("error.code", equalTo("DriftCheckRunning"));
        assertEquals(2, armCalls().size(), "the refused run reads nothing");
        // A report-only check writes nothing, so it may run beside the scheduled one.
        given().post("/checkDrift").then().statusCode(200).body("inSync", equalTo(true));

        first.get().then().statusCode(200);
        TimerRequest.run().then().statusCode(200);
    }
}
