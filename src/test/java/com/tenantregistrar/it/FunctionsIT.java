package com.tenantregistrar.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.tenantregistrar.emulator.EmulatorState;
import com.tenantregistrar.registration.RegistrationCatalog;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * Each function of the packaged app (the jar here; the native executable under -Dnative), over HTTP, against the
 * emulated Azure running beside it. Quarkus starts target/quarkus-app/quarkus-run.jar with a plain {@code java -jar}
 * of the JVM that runs the build (JDK 17 in CI), as operators run it outside Functions.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = PackagedAppAzure.class, restrictToAnnotatedClass = true)
class FunctionsIT {

    private static final String SUBSCRIPTION = "e09a4e93-29a7-4eba-a6d4-76202383f07f";
    private static final String TENANT = "dbab3982-796f-4d03-9908-044c08aef8a2";

    private EmulatorState arm;

    @BeforeEach
    void reset() {
        arm = PackagedAppAzure.azure().state();
        arm.reset();
    }

    @Test
    void registerListAndRemove() {
        given().contentType(ContentType.JSON)
                .body("{\"customerSubscriptionId\": \"" + SUBSCRIPTION.toUpperCase() + "\", \"tenantId\": \"" + TENANT + "\"}")
                .post("/registerCustomer").then().statusCode(200)
                .body("results.status", contains("registered", "registered"));
        var east = RegistrationCatalog.parse(PackagedAppAzure.REGISTRATIONS).get(0);
        assertEquals(Map.of(SUBSCRIPTION, TENANT), arm.customersOf(east));

        given().queryParam("registration", "east").get("/listRegisteredCustomers").then().statusCode(200)
                .body("count", equalTo(1)).body("customers[0].customerSubscriptionId", equalTo(SUBSCRIPTION));

        given().contentType(ContentType.JSON)
                .body("{\"customerSubscriptionId\": \"" + SUBSCRIPTION + "\", \"registrations\": [\"*\"]}")
                .post("/removeCustomer").then().statusCode(200)
                .body("results.status", contains("removed", "removed"));
    }

    @Test
    void aBadRequestIsAnErrorEnvelope() {
        given().contentType(ContentType.JSON).body("{\"customerSubscriptionId\": \"x\"}").post("/registerCustomer")
                .then().statusCode(400).contentType(ContentType.JSON).body("error.code", equalTo("InvalidRequest"));
        // The packaged app refuses a misspelt field too, rather than removing everywhere.
        given().contentType(ContentType.JSON)
                .body("{\"customerSubscriptionId\": \"" + SUBSCRIPTION + "\", \"registration\": \"east\"}")
                .post("/removeCustomer").then().statusCode(400)
                .body("error.message", containsString("has no field 'registration'"));
        assertEquals(0, arm.requests().size());
    }

    @Test
    void theDriftCheckAnswersOverHttpAndAsATimer() throws IOException {
        given().post("/checkDrift").then().statusCode(200).body("inSync", equalTo(true));
        try (InputStream in = getClass().getResourceAsStream("/functions-custom-handler/timer-request-null-status.json")) {
            given().contentType(ContentType.JSON).body(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .post("/driftCheck").then().statusCode(200)
                    .body("Logs[0]", startsWith("driftCheck (report): in sync"));
        }
    }

    @Test
    void theWebhookRefusesAnUnsignedDelivery() {
        given().contentType(ContentType.JSON).body("{\"EventName\": \"test-created\"}").post("/partnerCenterWebhook")
                .then().statusCode(401).body("error.code", equalTo("InvalidSignature"));
    }

    @Test
    void theApiDescriptionAndHealthAreServed() {
        given().get("/swagger.json").then().statusCode(200).body("swagger", equalTo("2.0"));
        given().get("/q/health/ready").then().statusCode(200);
    }
}
