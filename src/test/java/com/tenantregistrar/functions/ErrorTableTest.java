package com.tenantregistrar.functions;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.LogCapture;
import com.tenantregistrar.emulator.Fault;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Every row of the error table (docs/functions.md, Errors): the status, the code, and whether ARM was called. The timeout's row is
 * {@link ErrorTableTimeoutTest}.
 */
@QuarkusTest
class ErrorTableTest extends EmulatedArmTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();

    private ValidatableResponse register(String body) {
        return json(body).post("/registerCustomer").then().contentType("application/json");
    }

    private ValidatableResponse registerOnEast() {
        return register(registerBody(SUBSCRIPTION, TENANT, "east"));
    }

    // --- the caller's mistakes: 4xx, and ARM is not called -------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            "{not json",
            "[1, 2]",
            "{\"customerSubscriptionId\": \"" + SUBSCRIPTION + "\", \"tenantId\": \"" + TENANT
                    + "\", \"registrations\": {\"a\": 1}}",
            "{\"tenantId\": \"" + TENANT + "\"}",
            "{\"customerSubscriptionId\": \"" + SUBSCRIPTION + "\"}",
            "{\"customerSubscriptionId\": \"not-a-guid\", \"tenantId\": \"" + TENANT + "\"}",
            "{\"customerSubscriptionId\": \"" + SUBSCRIPTION + "\", \"tenantId\": \"{" + TENANT + "}\"}",
            "{\"customerSubscriptionId\": \"" + SUBSCRIPTION + "\", \"tenantId\": \"" + TENANT
                    + "\", \"registrations\": [\"\"]}",
            "{\"customerSubscriptionId\": \"" + SUBSCRIPTION + "\", \"tenantId\": \"" + TENANT
                    + "\", \"registrations\": []}",
            "{\"customerSubscriptionId\": \"" + SUBSCRIPTION + "\", \"tenantId\": \"" + TENANT
                    + "\", \"registrations\": [\"*\", \"west\"]}",
            "{\"customerSubscriptionId\": \"" + SUBSCRIPTION + "\", \"tenantId\": \"" + TENANT
                    + "\", \"registration\": \"east\"}",
            "" })
    void malformedRequestsAre400InvalidRequestWithoutAnArmCall(String body) {
        register(body).statusCode(400).body("error.code", equalTo("InvalidRequest"));
        assertEquals(0, armCalls().size());
    }

    @Test
    void theMessageNamesTheFieldThatIsWrong() {
        register("{\"customerSubscriptionId\": \"" + SUBSCRIPTION + "\", \"tenantId\": \"nope\"}")
                .statusCode(400).body("error.message", containsString("'tenantId' must be a GUID"));
        json(removeBody("")).post("/removeCustomer").then().statusCode(400)
                .body("error.message", containsString("'customerSubscriptionId' is required"));
    }

    @Test
    void anUnknownRegistrationAliasIs404WithoutAnArmCall() {
        register(registerBody(SUBSCRIPTION, TENANT, "east", "north")).statusCode(404)
                .body("error.code", equalTo("UnknownRegistration"))
                .body("error.message", containsString("east, west"));
        json("{\"registration\": \"north\"}").post("/listRegisteredCustomers").then().statusCode(404)
                .body("error.code", equalTo("UnknownRegistration"));
        assertEquals(0, armCalls().size());
    }

    @Test
    void aBodyOver64KiBIs413WithoutAnArmCall() {
        String padding = " ".repeat(65 * 1024);
        register(registerBody(SUBSCRIPTION, TENANT) + padding).statusCode(413)
                .body("error.code", equalTo("RequestTooLarge"));
        assertEquals(0, armCalls().size());
    }

    // --- what ARM answers -------------------------------------------------------------------------------------

    @Test
    void registrationNotFoundIs404() {
        arm.removeRegistration(east());
        registerOnEast().statusCode(404).body("error.code", equalTo("RegistrationNotFound"))
                .body("error.message", containsString("REGISTRAR_REGISTRATIONS"));
        assertEquals(1, armCalls().size());
    }

    @Test
    void customerSubscriptionNotFoundIs404OutsideRemove() {
        arm.inject(Fault.error("PUT", SUBSCRIPTION, 404, "CustomerSubscriptionNotFound", 1));
        registerOnEast().statusCode(404).body("error.code", equalTo("CustomerSubscriptionNotFound"));
        assertEquals(1, armCalls("PUT").size());
    }

    @ParameterizedTest
    @CsvSource({
            "BadCustomerSubscriptionId, 400, 400",
            "InvalidCustomerSubscriptionId, 400, 400",
            "InvalidCSPSubscription, 400, 400",
            "UnauthorizedCspRegistration, 403, 403",
            "AuthorizationFailed, 403, 403",
            "LinkedAuthorizationFailed, 403, 403",
            "CustomerSubscriptionsNotAllowed, 409, 409" })
    void armRefusalsKeepArmsCodeWithTheirStatus(String code, int armStatus, int expectedStatus) {
        arm.inject(Fault.error("PUT", SUBSCRIPTION, armStatus, code, -1));
        registerOnEast().statusCode(expectedStatus).body("error.code", equalTo(code));
        assertEquals(1, armCalls("PUT").size(), "a refusal is not retried");
    }

    @Test
    void throttlingIsRetriedAfterRetryAfter() {
        arm.inject(Fault.throttle("PUT", SUBSCRIPTION, 1, 1));
        registerOnEast().statusCode(200);
        assertEquals(2, armCalls("PUT").size());
    }

    @Test
    void throttlingThatOutlastsTheRetriesIs429WithRetryAfter() {
        arm.inject(Fault.throttle("PUT", SUBSCRIPTION, 1, -1));
        registerOnEast().statusCode(429).header("Retry-After", "1").body("error.code", equalTo("Throttled"));
        assertEquals(4, armCalls("PUT").size(), "the first try and 3 retries");
    }

    @Test
    void aRetryAfterLongerThanTheAppWaitsIsPassedToTheCallerAtOnce() {
        arm.inject(Fault.throttle("PUT", SUBSCRIPTION, 120, -1));
        registerOnEast().statusCode(429).header("Retry-After", "120").body("error.code", equalTo("Throttled"));
        assertEquals(1, armCalls("PUT").size());
        // Throttling passes by itself and the caller is told when to come back: nothing for an operator to fix.
        assertEquals(List.of(), log.atLeast(Level.SEVERE), "no ERROR line");
        assertTrue(log.lines().stream().anyMatch(line -> line.level() == Level.WARNING
                && line.message().startsWith("ARM PUT failed") && line.message().contains("status=429")),
                "the failed write's one line is a WARN");
    }

    @Test
    void aPersistent5xxIs502AfterABoundedNumberOfAttempts() {
        arm.inject(Fault.error("PUT", SUBSCRIPTION, 500, "InternalServerError", -1));
        registerOnEast().statusCode(502).body("error.code", equalTo("InternalServerError"));
        assertEquals(4, armCalls("PUT").size(), "the first try and 3 retries");
    }

    @Test
    void a5xxThatClearsIsRetriedToSuccess() {
        arm.inject(Fault.error("PUT", SUBSCRIPTION, 503, "ServiceUnavailable", 2));
        registerOnEast().statusCode(200);
        assertEquals(3, armCalls("PUT").size());
    }

    @Test
    void metadataResolverBadGatewayIs502WithItsCode() {
        arm.inject(Fault.error("PUT", SUBSCRIPTION, 502, "MetadataResolverBadGatewayError", -1));
        registerOnEast().statusCode(502).body("error.code", equalTo("MetadataResolverBadGatewayError"));
        assertEquals(4, armCalls("PUT").size());
    }

    @Test
    void aDroppedConnectionIs504() {
        arm.inject(Fault.drop("PUT", SUBSCRIPTION, -1));
        registerOnEast().statusCode(504).body("error.code", equalTo("UpstreamTimeout"));
        assertTrue(armCalls("PUT").size() > 1, "I/O failures are retried");
    }
}
