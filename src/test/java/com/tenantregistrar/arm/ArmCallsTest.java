package com.tenantregistrar.arm;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.LogCapture;
import com.tenantregistrar.emulator.EmulatorState.ArmRequest;
import com.tenantregistrar.emulator.EmulatorState.PutStyle;
import com.tenantregistrar.emulator.Fault;

import io.quarkus.test.junit.QuarkusTest;

/**
 * How the app talks to ARM beyond the happy path: correlation IDs end to end, one log line per write with ARM's
 * IDs, a refused token, asynchronous answers, and paging links that only differ in how they are spelt.
 */
@QuarkusTest
class ArmCallsTest extends EmulatedArmTest {

    private static final String CORRELATION = "x-ms-correlation-request-id";

    @RegisterExtension
    final LogCapture log = new LogCapture();

    @ConfigProperty(name = "registrar.emulator.arm-port")
    int armPort;

    @Test
    void theCallersCorrelationIdReachesArmTheAnswerAndTheLog() {
        String id = "5e1b1c4e-7f2a-4d55-9d7e-1f0c2b3a4d5e";
        json(registerBody(SUBSCRIPTION, TENANT, "east")).header(CORRELATION, id).post("/registerCustomer")
                .then().statusCode(200).header(CORRELATION, id);

        assertEquals(List.of(id, id), armCalls().stream().map(ArmRequest::correlationId).toList(),
                "the read and the PUT");
        LogCapture.Line written = writeLine();
        assertEquals(id, written.correlationId());
    }

    @Test
    void withoutOneTheAppMakesACorrelationIdAndUsesItThroughout() {
        String id = json(registerBody(SUBSCRIPTION, TENANT)).post("/registerCustomer")
                .then().statusCode(200).extract().header(CORRELATION);

        assertNotNull(id);
        assertEquals(List.of(id, id, id, id), armCalls().stream().map(ArmRequest::correlationId).toList(),
                "each registration's read and PUT");
        log.lines().stream().filter(line -> line.logger().startsWith("com.tenantregistrar"))
                .forEach(line -> assertEquals(id, line.correlationId(), line.text()));
    }

    @Test
    void aCorrelationIdThatIsNotAPlainTokenIsReplaced() {
        String id = json(registerBody(SUBSCRIPTION, TENANT, "east")).header(CORRELATION, "a b\nINFO forged")
                .post("/registerCustomer").then().statusCode(200).extract().header(CORRELATION);

        assertTrue(id.matches("[0-9a-f-]{36}"), id);
        assertEquals(id, armCalls().get(0).correlationId());
    }

    @Test
    void everyWriteLogsOneInfoLineWithWhatTriggeredItAndArmsIds() {
        json(registerBody(SUBSCRIPTION, TENANT, "east")).post("/registerCustomer").then().statusCode(200);

        LogCapture.Line line = writeLine();
        assertEquals(Level.INFO, line.level());
        for (String part : List.of("registration=east", "customerSubscriptionId=" + SUBSCRIPTION,
                "tenantId=" + TENANT, "outcome=registered", "trigger=function caller=functionKey",
                "function=registerCustomer", "armCorrelationId=" + line.correlationId())) {
            assertTrue(line.message().contains(part), part + " in " + line.message());
        }
        assertTrue(line.message().matches(".*armRequestId=[0-9a-f-]{36}.*"), line.message());

        json(removeBody(SUBSCRIPTION, "east")).post("/removeCustomer").then().statusCode(200);
        assertTrue(writeLine().message().contains("outcome=removed"), writeLine().message());
    }

    @ParameterizedTest
    @ValueSource(strings = { "InvalidAuthenticationToken", "ExpiredAuthenticationToken" })
    void aRefusedTokenIsTransientAndTheNextCallGoesThrough(String code) {
        arm.inject(Fault.error("PUT", SUBSCRIPTION, 401, code, 1));

        json(registerBody(SUBSCRIPTION, TENANT, "east")).post("/registerCustomer")
                .then().statusCode(503).body("error.code", equalTo(code));
        assertEquals(1, armCalls("PUT").size(), "a 401 is not retried with the same token");

        json(registerBody(SUBSCRIPTION, TENANT, "east")).post("/registerCustomer").then().statusCode(200)
                .body("results.status", contains("registered"));
    }

    @Test
    void anAcceptedPutIsReportedAsSuchAndNotPolled() {
        arm.putStyle(PutStyle.ACCEPTED_ASYNC);

        json(registerBody(SUBSCRIPTION, TENANT, "east")).post("/registerCustomer")
                .then().statusCode(200).body("results.status", contains("accepted"));
        assertEquals(List.of("GET", "PUT"), armCalls().stream().map(ArmRequest::method).toList(),
                "the read, the PUT, and the operation's Location is not followed");
        assertEquals(Map.of(SUBSCRIPTION, TENANT), arm.customersOf(east()));
    }

    @Test
    void anAcceptedDeleteIsReportedAsSuch() {
        arm.seed(east(), SUBSCRIPTION, TENANT);
        arm.inject(Fault.error("DELETE", SUBSCRIPTION, 202, "Accepted", 1));

        json(removeBody(SUBSCRIPTION, "east")).post("/removeCustomer")
                .then().statusCode(200).body("results.status", contains("accepted"));
        assertEquals(List.of("GET", "DELETE"), armCalls().stream().map(ArmRequest::method).toList(),
                "the entry read for the journal, then the DELETE");
    }

    @Test
    void aNextLinkSpeltWithAnotherCaseIsTheSameOrigin() {
        arm.seed(east(), SUBSCRIPTION, TENANT);
        arm.seed(east(), "0b3c9a7e-1f2d-4c5b-8a6e-9d0f1e2a3b4c", "10206aa3-9bf5-4304-affc-fd970c3b7813");
        arm.pageSize(1);
        arm.nextLinkOrigin("HTTPS://LOCALHOST:" + armPort);

        given().queryParam("registration", "east").get("/listRegisteredCustomers").then().statusCode(200)
                .body("count", equalTo(2));
        assertEquals(2, armCalls().size());
    }

    @Test
    void eachRetriedAnswerIsOneWarningAndOnlyTheFinalFailureAnError() {
        arm.inject(Fault.error("PUT", SUBSCRIPTION, 503, "ServiceUnavailable", -1));

        json(registerBody(SUBSCRIPTION, TENANT, "east")).post("/registerCustomer").then().statusCode(502);

        List<LogCapture.Line> warnings = log.lines().stream().filter(line -> line.level() == Level.WARNING
                && line.message().startsWith("ARM try")).toList();
        assertEquals(3, warnings.size(), log.lines().toString());
        List<LogCapture.Line> errors = log.atLeast(Level.SEVERE);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).message().contains("outcome=failed"), errors.get(0).text());
        log.lines().forEach(line -> assertNull(line.stackTrace(), line.text()));
    }

    @Test
    void anUnregisteredResourceProviderIsReportedAndNotRegisteredByTheApp() {
        arm.inject(Fault.error("PUT", SUBSCRIPTION, 409, "MissingSubscriptionRegistration", 1));

        json(registerBody(SUBSCRIPTION, TENANT, "east")).post("/registerCustomer").then().statusCode(409)
                .body("error.code", equalTo("MissingSubscriptionRegistration"));
        assertEquals(List.of("GET", "PUT"), armCalls().stream().map(ArmRequest::method).toList(),
                "the read, the PUT: no provider registration, and no retry");
    }

    @Test
    void aDroppedConnectionLogsNoStackTraces() {
        arm.inject(Fault.drop("PUT", SUBSCRIPTION, -1));

        json(registerBody(SUBSCRIPTION, TENANT, "east")).post("/registerCustomer").then().statusCode(504);

        assertEquals(1, log.atLeast(Level.SEVERE).size(), log.lines().toString());
        log.lines().forEach(line -> assertNull(line.stackTrace(), line.text()));
        log.lines().forEach(line -> assertTrue(!line.message().contains("Result is already complete"), line.text()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{not json", "[1, 2]" })
    void aCallersMalformedBodyIsOneWarningWithoutAStackTrace(String body) {
        json(body).post("/registerCustomer").then().statusCode(400);

        assertEquals(List.of(Level.WARNING), log.lines().stream().map(LogCapture.Line::level).toList(),
                log.lines().toString());
        assertNull(log.lines().get(0).stackTrace());
    }

    @Test
    void aWrongMethodIsOneWarningWithoutAStackTrace() {
        given().delete("/registerCustomer").then().statusCode(405);

        assertEquals(List.of(Level.WARNING), log.lines().stream().map(LogCapture.Line::level).toList(),
                log.lines().toString());
    }

    /** The write's log line: the last one ArmCallLog wrote. */
    private LogCapture.Line writeLine() {
        List<LogCapture.Line> lines = log.lines().stream()
                .filter(line -> line.logger().equals(ArmCallLog.class.getName())).toList();
        assertTrue(!lines.isEmpty(), log.lines().toString());
        return lines.get(lines.size() - 1);
    }
}
