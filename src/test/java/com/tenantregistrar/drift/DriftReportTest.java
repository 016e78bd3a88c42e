package com.tenantregistrar.drift;

import static com.tenantregistrar.drift.DesiredStateFile.customer;
import static com.tenantregistrar.drift.DesiredStateFile.manifest;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.emulator.Fault;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The drift check in report mode (the default): what it finds, and that it only reads. */
@QuarkusTest
class DriftReportTest extends EmulatedArmTest {

    /** The report's missing customers without their 'since', which MissingSinceTest checks. */
    static final String MISSING = "missing.collect { it.findAll { it.key != 'since' } }";
    static final String UNEXPECTED = "unexpected.collect { it.findAll { it.key != 'since' } }";
    static final String S1 = "11111111-1111-4111-8111-111111111111";
    static final String S2 = "22222222-2222-4222-8222-222222222222";
    static final String S3 = "33333333-3333-4333-8333-333333333333";
    static final String S4 = "44444444-4444-4444-8444-444444444444";
    static final String T1 = "aaaaaaaa-1111-4111-8111-111111111111";
    static final String T2 = "aaaaaaaa-2222-4222-8222-222222222222";
    static final String T3 = "aaaaaaaa-3333-4333-8333-333333333333";
    static final String T4 = "aaaaaaaa-4444-4444-8444-444444444444";

    /** S1 belongs everywhere, S2 on east only, S3 on west only; east also holds S4 and west holds S3 with T2. */
    void driftedEstate() {
        DesiredStateFile.write(manifest(customer(S1.toUpperCase(), T1), customer(S2, T2, "east"), customer(S3, T3, "west")));
        arm.seed(east(), S1, T1);
        arm.seed(east(), S4, T4);
        arm.seed(west(), S3, T2);
    }

    @Test
    void reportsMissingUnexpectedAndMismatchedCustomersAndOnlyReads() {
        driftedEstate();
        given().post("/checkDrift").then().statusCode(200)
                .body("inSync", equalTo(false))
                .body("mode", equalTo("report"))
                .body(MISSING, equalTo(List.of(
                        Map.of("registration", "east", "customerSubscriptionId", S2, "tenantId", T2),
                        Map.of("registration", "west", "customerSubscriptionId", S1, "tenantId", T1))))
                .body(UNEXPECTED, equalTo(List.of(
                        Map.of("registration", "east", "customerSubscriptionId", S4, "tenantId", T4))))
                .body("unexpected[0].since", notNullValue())
                .body("tenantMismatch", equalTo(List.of(Map.of("registration", "west", "customerSubscriptionId", S3,
                        "expectedTenantId", T3, "actualTenantId", T2))))
                .body("actions", empty())
                .body("registrations", equalTo(List.of(
                        Map.of("registration", "east", "registered", 2, "expected", 2),
                        Map.of("registration", "west", "registered", 1, "expected", 2))));
        assertTrue(armCalls().stream().allMatch(c -> c.method().equals("GET")), "report mode only reads");
        assertEquals(2, armCalls().size());
    }

    @Test
    void aCustomerOnOneOfTwoRegistrationsIsMissingOnTheOther() {
        DesiredStateFile.write(manifest(customer(S1, T1)));
        arm.seed(east(), S1, T1);
        given().post("/checkDrift").then().statusCode(200)
                .body("inSync", equalTo(false))
                .body("missing.registration", equalTo(List.of("west")))
                .body("unexpected", empty())
                .body("tenantMismatch", empty());
    }

    @Test
    void inSyncWhenTheRegistrationsHoldWhatTheManifestSays() {
        DesiredStateFile.write(manifest(customer(S1, T1), customer(S2, T2, "west")));
        arm.seed(east(), S1, T1);
        arm.seed(west(), S1, T1);
        arm.seed(west(), S2, T2);
        json("{}").post("/checkDrift").then().statusCode(200)
                .body("inSync", equalTo(true))
                .body("missing", empty()).body("unexpected", empty()).body("tenantMismatch", empty());
    }

    @Test
    void readsEveryPageOfEveryRegistration() {
        DesiredStateFile.write(manifest(customer(S1, T1, "east")));
        arm.pageSize(1);
        arm.seed(east(), S1, T1);
        arm.seed(east(), S2, T2);
        arm.seed(east(), S3, T3);
        given().post("/checkDrift").then().statusCode(200)
                .body("unexpected.customerSubscriptionId", equalTo(List.of(S2, S3)))
                .body("registrations[0].registered", equalTo(3));
    }

    @Test
    void oneUnreadableRegistrationDoesNotHideTheOthersDriftButFailsTheCheck() {
        DesiredStateFile.write(manifest(customer(S1, T1)));
        arm.inject(Fault.error("GET", "azurestack-west", 500, "InternalServerError", -1));
        given().post("/checkDrift").then().statusCode(502)
                .body("error.code", equalTo("InternalServerError"))
                .body("inSync", equalTo(false))
                .body(MISSING, equalTo(List.of(Map.of("registration", "east", "customerSubscriptionId", S1,
                        "tenantId", T1))))
                .body("registrations[0]", not(hasKey("error")))
                .body("registrations[1].registration", equalTo("west"))
                .body("registrations[1].registered", nullValue())
                .body("registrations[1].error.code", equalTo("InternalServerError"));
    }

    @Test
    void whenNoRegistrationCanBeReadTheRunFailsWithTheReport() {
        DesiredStateFile.write(manifest(customer(S1, T1)));
        arm.inject(Fault.error("GET", "customerSubscriptions", 403, "AuthorizationFailed", -1));
        given().post("/checkDrift").then().statusCode(403).body("error.code", equalTo("AuthorizationFailed"))
                .body("registrations.error.code", equalTo(List.of("AuthorizationFailed", "AuthorizationFailed")));
        TimerRequest.run().then().statusCode(403).body("error.code", equalTo("AuthorizationFailed"))
                .body("Logs[1]", equalTo("registration east: unreadable (AuthorizationFailed)"))
                .body("ReturnValue.registrations[1].error.code", equalTo("AuthorizationFailed"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"customers\": [                                | is not valid JSON at line 1",
            "''                                               | must be an object with a \"customers\" array",
            "{\"customer\": []}                               | must be an object with a \"customers\" array",
            "{\"customers\": [{\"customerSubscriptionId\": \"" + S1 + "\"}] } | has no customers[0].tenantId",
            "{\"customers\": [{\"customerSubscriptionId\": \"x\", \"tenantId\": \"" + T1 + "\"}]} | customers[0].customerSubscriptionId that is not a GUID",
            "{\"customers\": [{\"customerSubscriptionId\": \"" + S1 + "\", \"tenantId\": \"" + T1 + "\", \"registrations\": [\"east\", \"north\"]}]} | unknown registration at customers[0].registrations[1]",
            "{\"customers\": [{\"customerSubscriptionId\": \"" + S1 + "\", \"tenantId\": \"" + T1 + "\"}, {\"customerSubscriptionId\": \"" + S1 + "\", \"tenantId\": \"" + T2 + "\"}]} | twice, at customers[0] and customers[1]",
            "{\"customers\": [{\"customerSubscriptionId\": \"" + S1 + "\", \"tenantId\": \"" + T1 + "\"}, {\"customerSubscriptionId\": \"" + S2 + "\", \"tenantId\": \"" + T1 + "\"}]} | maps the tenant " + T1 + " to two subscriptions" })
    void aMalformedManifestStopsTheCheckNamingTheFileAndTheProblem(String content, String problem) {
        DesiredStateFile.write(content);
        given().post("/checkDrift").then().statusCode(500)
                .body("error.code", equalTo("InvalidDesiredState"))
                .body("error.message", containsString("drift-test/desired-state.json"))
                .body("error.message", containsString(problem));
        assertEquals(0, armCalls().size(), "nothing is read or changed on a manifest that cannot be trusted");
    }

    @ParameterizedTest
    @ValueSource(strings = { "timer-request.json", "timer-request-null-status.json" })
    void theTimerAnswersInTheInvocationEnvelopeWithTheSameReportAsCheckDrift(String payload) {
        driftedEstate();
        Map<String, Object> report = TimerRequest.withoutRun(given().post("/checkDrift").then().statusCode(200)
                .body("trigger", equalTo("checkDrift")).extract().as(Map.class));
        Response timer = given().contentType(ContentType.JSON)
                .body(TimerRequest.payload(payload)).post("/driftCheck");
        timer.then().statusCode(200)
                .body("Outputs", equalTo(Map.of()))
                .body("Logs", equalTo(List.of("driftCheck (report): DRIFT; 2 registrations (0 unreadable), 2 missing, "
                        + "1 unexpected, 1 tenant mismatches, 0 actions (0 failed, 0 skipped, 0 held); "
                        + TimerRequest.where(timer))))
                .body("ReturnValue.trigger", equalTo("timer"));
        assertEquals(report, TimerRequest.withoutRun(timer.jsonPath().getMap("ReturnValue")));
    }

    @Test
    void callersCannotTurnACheckIntoARepair() {
        json("{\"mode\": \"reconcile\"}").post("/checkDrift").then().statusCode(400)
                .body("error.code", equalTo("InvalidRequest"))
                .body("error.message", containsString("REGISTRAR_DRIFT_MODE"));
        assertEquals(0, armCalls().size());
    }

    @Test
    void anUnknownFieldIsRefusedByName() {
        json("{\"mode\": \"report\", \"maxRemovals\": 5}").post("/checkDrift").then().statusCode(400)
                .body("error.code", equalTo("InvalidRequest"))
                .body("error.message", containsString("'maxRemovals'"));
        assertEquals(0, armCalls().size());
    }
}
