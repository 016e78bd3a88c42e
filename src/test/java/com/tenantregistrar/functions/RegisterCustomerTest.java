package com.tenantregistrar.functions;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.emulator.EmulatorState.ArmRequest;
import com.tenantregistrar.emulator.EmulatorState.PutStyle;
import com.tenantregistrar.emulator.Fault;
import com.tenantregistrar.registration.Registration;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RegisterCustomerTest extends EmulatedArmTest {

    @ConfigProperty(name = "registrar.arm.max-concurrency")
    int maxConcurrency;

    @Test
    void registersOnEveryConfiguredRegistrationWithLowerCaseIds() {
        json(registerBody(SUBSCRIPTION.toUpperCase(), TENANT.toUpperCase()))
                .post("/registerCustomer")
                .then().statusCode(200)
                .body("customerSubscriptionId", equalTo(SUBSCRIPTION))
                .body("tenantId", equalTo(TENANT))
                .body("results.registration", contains("east", "west"))
                .body("results.status", contains("registered", "registered"))
                .body("results[0]", not(hasKey("error")));

        assertEquals(Map.of(SUBSCRIPTION, TENANT), arm.customersOf(east()));
        assertEquals(Map.of(SUBSCRIPTION, TENANT), arm.customersOf(west()));
        assertEquals(Stream.of(east(), west()).map(Registration::customerSubscriptionsCollection).sorted().toList(),
                armCalls("GET").stream().map(ArmRequest::path).sorted().toList(), "each registration read first");
        List<ArmRequest> calls = armCalls("PUT");
        assertEquals(2, calls.size());
        for (ArmRequest call : calls) {
            assertEquals("PUT", call.method());
            assertTrue(call.path().endsWith("/customerSubscriptions/" + SUBSCRIPTION), call.path());
            assertEquals("api-version=2017-06-01", call.query());
            assertEquals("{\"properties\":{\"tenantId\":\"" + TENANT + "\"}}", call.body());
        }
        assertTrue(calls.stream().anyMatch(c -> c.path().equals(east().customerSubscriptionId(SUBSCRIPTION))));
        assertTrue(calls.stream().anyMatch(c -> c.path().equals(west().customerSubscriptionId(SUBSCRIPTION))));
    }

    @Test
    void registersOnlyOnTheNamedRegistration() {
        json(registerBody(SUBSCRIPTION, TENANT, "WEST"))
                .post("/registerCustomer")
                .then().statusCode(200)
                .body("results.registration", contains("west"));

        assertEquals(Map.of(), arm.customersOf(east()));
        assertEquals(Map.of(SUBSCRIPTION, TENANT), arm.customersOf(west()));
        assertEquals(1, armCalls("PUT").size());
    }

    private void registersOnEast() {
        json(registerBody(SUBSCRIPTION, TENANT, "east"))
                .post("/registerCustomer")
                .then().statusCode(200)
                .body("results.status", contains("registered"));
        assertEquals(Map.of(SUBSCRIPTION, TENANT), arm.customersOf(east()));
    }

    @Test
    void registeringAgainIsUnchangedWithNoPutThere() {
        registersOnEast();

        json(registerBody(SUBSCRIPTION.toUpperCase(), TENANT.toUpperCase()))
                .post("/registerCustomer")
                .then().statusCode(200)
                .body("results.registration", contains("east", "west"))
                .body("results.status", contains("unchanged", "registered"));
        assertEquals(Map.of(SUBSCRIPTION, TENANT), arm.customersOf(east()));
        assertEquals(List.of(east().customerSubscriptionId(SUBSCRIPTION), west().customerSubscriptionId(SUBSCRIPTION)),
                puts(), "the second call's one PUT is west's");
    }

    @Test
    void acceptsTheSpecsOkWithBodyAsWellAsCreatedWithoutOne() {
        arm.putStyle(PutStyle.OK_WITH_BODY);
        registersOnEast();
    }

    @Test
    void aFailingRegistrationDoesNotHideTheOthersOutcome() {
        arm.inject(Fault.error("PUT", "azurestack-west", 403, "UnauthorizedCspRegistration", -1));

        json(registerBody(SUBSCRIPTION, TENANT))
                .post("/registerCustomer")
                .then().statusCode(403)
                .contentType("application/json")
                .body("error.code", equalTo("UnauthorizedCspRegistration"))
                .body("customerSubscriptionId", equalTo(SUBSCRIPTION))
                .body("results.registration", contains("east", "west"))
                .body("results.status", contains("registered", "failed"))
                .body("results[1].error.code", equalTo("UnauthorizedCspRegistration"));

        assertEquals(Map.of(SUBSCRIPTION, TENANT), arm.customersOf(east()));
        assertEquals(Map.of(), arm.customersOf(west()));
    }

    @Test
    void aRegistrationThatCannotBeReadIsNotWrittenAndTheOthersAre() {
        arm.inject(Fault.error("GET", "azurestack-west", 403, "AuthorizationFailed", -1));

        json(registerBody(SUBSCRIPTION, TENANT))
                .post("/registerCustomer")
                .then().statusCode(403)
                .body("error.code", equalTo("AuthorizationFailed"))
                .body("results.status", contains("registered", "failed"))
                .body("results[1].error.code", equalTo("AuthorizationFailed"));

        assertEquals(List.of(east().customerSubscriptionId(SUBSCRIPTION)), puts());
    }

    @Test
    void aBurstNeverHasMoreArmRequestsUnderWayThanTheSetting() throws Exception {
        arm.inject(Fault.delay("PUT", "customerSubscriptions", Duration.ofMillis(200), -1));
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String subscription = String.format("00000000-0000-4000-8000-%012d", i);
                String tenant = String.format("00000000-0000-4000-9000-%012d", i);
                calls.add(() -> json(registerBody(subscription, tenant)).post("/registerCustomer").statusCode());
            }
            for (Future<Integer> status : callers.invokeAll(calls)) {
                assertEquals(200, status.get());
            }
        } finally {
            callers.shutdown();
        }
        // Every customer on both registrations; a slow machine may add retries of the same PUT, not other calls.
        assertEquals(64, puts().stream().distinct().count());
        assertTrue(arm.peakConcurrentRequests() <= maxConcurrency, "peak " + arm.peakConcurrentRequests());
        assertTrue(arm.peakConcurrentRequests() > 1, "the calls did overlap");
    }

    @Test
    void aTransientFailureOutranksAPermanentOneSoTheCallerRetries() {
        arm.inject(Fault.error("PUT", "testregistration", 400, "BadCustomerSubscriptionId", -1));
        arm.inject(Fault.error("PUT", "azurestack-west", 503, "ServiceUnavailable", -1));

        json(registerBody(SUBSCRIPTION, TENANT))
                .post("/registerCustomer")
                .then().statusCode(502)
                .body("error.code", equalTo("ServiceUnavailable"))
                .body("results.error.code", contains("BadCustomerSubscriptionId", "ServiceUnavailable"));
    }

    @Test
    void aStarRegistersOnEveryRegistrationLikeNoRegistrations() {
        json(registerBody(SUBSCRIPTION, TENANT, "*"))
                .post("/registerCustomer")
                .then().statusCode(200)
                .body("results.registration", contains("east", "west"))
                .body("results.status", contains("registered", "registered"));
        assertEquals(Map.of(SUBSCRIPTION, TENANT), arm.customersOf(east()));
        assertEquals(Map.of(SUBSCRIPTION, TENANT), arm.customersOf(west()));
        assertEquals(2, armCalls("PUT").size());
    }

    /** The paths of the PUTs the emulated ARM received in this test. */
    private List<String> puts() {
        return armCalls("PUT").stream().map(ArmRequest::path).toList();
    }

    @Test
    void anEmptyListOfRegistrationsIsRefusedRatherThanMeaningAll() {
        json("{\"customerSubscriptionId\": \"" + SUBSCRIPTION + "\", \"tenantId\": \"" + TENANT
                + "\", \"registrations\": []}")
                .post("/registerCustomer")
                .then().statusCode(400)
                .body("error.code", equalTo("InvalidRequest"))
                .body("error.message", equalTo("'registrations' is empty, so the call would do nothing. Name one or "
                        + "more of east, west, or send [\"*\"] for every registration."));
        assertEquals(0, armCalls().size());
    }
}
