package com.tenantregistrar.functions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.emulator.EmulatorState.ArmRequest;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A caller's request is read as written or refused: a field or query parameter a function does not read is a 400
 * that names it, before ARM is called. What the Functions host sends (the timer envelope) stays lenient.
 */
@QuarkusTest
class CallerInputTest extends EmulatedArmTest {

    @Test
    void aMisspeltRegistrationsInARemovalIsRefusedInsteadOfRemovingEverywhere() {
        arm.seed(east(), SUBSCRIPTION, TENANT);
        arm.seed(west(), SUBSCRIPTION, TENANT);

        json("{\"customerSubscriptionId\": \"" + SUBSCRIPTION + "\", \"registration\": \"east\"}")
                .post("/removeCustomer")
                .then().statusCode(400)
                .body("error.code", equalTo("InvalidRequest"))
                .body("error.message", equalTo("removeCustomer has no field 'registration'. Its fields are "
                        + "customerSubscriptionId, registrations. Did you mean 'registrations'?"));

        assertEquals(0, armCalls().size());
        assertEquals(Map.of(SUBSCRIPTION, TENANT), arm.customersOf(east()));
        assertEquals(Map.of(SUBSCRIPTION, TENANT), arm.customersOf(west()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/registerCustomer        | {\"customerSubscriptionId\": \"" + SUBSCRIPTION + "\", \"tenantId\": \"" + TENANT
                    + "\", \"tenant\": \"x\"}                                | tenant",
            "/registerCustomer        | {\"customerSubscriptionId\": \"" + SUBSCRIPTION + "\", \"tenantId\": \"" + TENANT
                    + "\", \"registrations\": [\"east\"], \"dryRun\": true}  | dryRun",
            "/removeCustomer          | {\"customerSubscriptionId\": \"" + SUBSCRIPTION
                    + "\", \"registrations\": [\"east\"], \"force\": {\"a\": 1}}      | force",
            "/listRegisteredCustomers | {\"registrations\": [\"east\"]}                 | registrations" })
    void anUnknownFieldIs400NamingItWithoutAnArmCall(String function, String body, String field) {
        json(body).post(function)
                .then().statusCode(400)
                .body("error.code", equalTo("InvalidRequest"))
                .body("error.message", containsString("has no field '" + field + "'"));
        assertEquals(0, armCalls().size());
    }

    @Test
    void theMessageSuggestsTheFieldMeant() {
        json("{\"registrations\": [\"east\"]}").post("/listRegisteredCustomers")
                .then().statusCode(400).body("error.message", containsString("Did you mean 'registration'?"));
        json("{\"subscriptionId\": \"" + SUBSCRIPTION + "\", \"tenantId\": \"" + TENANT + "\"}")
                .post("/registerCustomer")
                .then().statusCode(400).body("error.message", containsString("Did you mean 'customerSubscriptionId'?"));
    }

    @Test
    void fieldNamesAreReadInAnyCase() {
        json("{\"CustomerSubscriptionId\": \"" + SUBSCRIPTION + "\", \"TENANTID\": \"" + TENANT
                + "\", \"Registrations\": [\"west\"], \"REPLACE\": false}")
                .post("/registerCustomer")
                .then().statusCode(200)
                .body("results.registration", contains("west"));
        assertEquals(1, armCalls("PUT").size());
    }

    @Test
    void anUnknownQueryParameterOfTheListIs400() {
        given().queryParam("registrations", "east").get("/listRegisteredCustomers")
                .then().statusCode(400)
                .body("error.code", equalTo("InvalidRequest"))
                .body("error.message", equalTo("listRegisteredCustomers has no query parameter 'registrations'. "
                        + "Its query parameters are registration. Did you mean 'registration'?"));
        given().queryParam("registration", "east").queryParam("top", "5").get("/listRegisteredCustomers")
                .then().statusCode(400)
                .body("error.message", containsString("'top'"));
        assertEquals(0, armCalls().size());
    }

    @Test
    void theFunctionKeyMayComeInTheQuery() {
        given().queryParam("code", "the-function-key").queryParam("registration", "west")
                .get("/listRegisteredCustomers")
                .then().statusCode(200).body("count", equalTo(0));
        json(registerBody(SUBSCRIPTION, TENANT, "east")).queryParam("code", "the-function-key")
                .post("/registerCustomer")
                .then().statusCode(200);
        assertEquals(List.of("GET", "GET", "PUT"), armCalls().stream().map(ArmRequest::method).toList());
    }

    @Test
    void aPostReadsNoQueryParameters() {
        arm.seed(west(), SUBSCRIPTION, TENANT);
        json(removeBody(SUBSCRIPTION, "east")).queryParam("registrations", "west")
                .post("/removeCustomer")
                .then().statusCode(400)
                .body("error.code", equalTo("InvalidRequest"))
                .body("error.message", equalTo("removeCustomer reads its input from the JSON body only, not the query "
                        + "parameter 'registrations': send it in the body."));
        json("{}").queryParam("registration", "west").post("/listRegisteredCustomers")
                .then().statusCode(400);
        assertEquals(0, armCalls().size());
        assertEquals(Map.of(SUBSCRIPTION, TENANT), arm.customersOf(west()));
    }

    @Test
    void theTimerEnvelopeOfTheFunctionsHostIsReadLeniently() throws IOException {
        String envelope;
        try (InputStream in = getClass().getResourceAsStream("/functions-custom-handler/timer-request.json")) {
            envelope = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // Fields a newer host might add, at the top, in the binding data and in the timer itself.
        String newer = envelope.replaceFirst("\\{", "{\"NewHostField\": {\"x\": 1},")
                .replace("\"IsPastDue\"", "\"NewTimerField\": 2, \"IsPastDue\"");
        json(newer).post("/driftCheck")
                .then().statusCode(not(400))
                .body("error.code", not(equalTo("InvalidRequest")));
    }
}
