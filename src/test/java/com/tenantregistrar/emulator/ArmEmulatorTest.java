package com.tenantregistrar.emulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;


import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.EmulatedArmTest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The emulated ARM answers as the api-version 2017-06-01 spec examples (src/test/resources/arm-examples) show. */
@QuarkusTest
class ArmEmulatorTest extends EmulatedArmTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ConfigProperty(name = "registrar.emulator.arm-port")
    int armPort;

    @ConfigProperty(name = "registrar.emulator.identity-port")
    int identityPort;

    @ConfigProperty(name = "registrar.emulator.identity-header")
    String identityHeader;

    private String token;

    @BeforeEach
    void getToken() {
        token = given().header("X-IDENTITY-HEADER", identityHeader)
                .queryParam("api-version", "2019-08-01")
                .queryParam("resource", "https://management.azure.com/")
                .get("http://127.0.0.1:" + identityPort + "/msi/token")
                .then().statusCode(200).body("token_type", equalTo("Bearer"))
                .extract().path("access_token");
    }

    private static JsonNode example(String operation) throws IOException {
        try (InputStream in = ArmEmulatorTest.class.getResourceAsStream(
                "/arm-examples/2017-06-01/CustomerSubscription/" + operation + ".json")) {
            return MAPPER.readTree(in);
        }
    }

    /** The request URL the example's parameters describe. */
    private String url(JsonNode example) {
        JsonNode p = example.path("parameters");
        String url = "https://localhost:" + armPort + "/subscriptions/" + p.path("subscriptionId").asText()
                + "/resourceGroups/" + p.path("resourceGroup").asText()
                + "/providers/Microsoft.AzureStack/registrations/" + p.path("registrationName").asText()
                + "/customerSubscriptions";
        return p.has("customerSubscriptionName") ? url + "/" + p.path("customerSubscriptionName").asText() : url;
    }

    private RequestSpecification arm(JsonNode example) {
        return given().relaxedHTTPSValidation().auth().oauth2(token)
                .queryParam("api-version", example.path("parameters").path("api-version").asText());
    }

    private static JsonNode body(Response response) throws IOException {
        return MAPPER.readTree(response.asString());
    }

    @Test
    void putAnswersWithTheExamplesBodyOrCreatedWithoutOne() throws IOException {
        JsonNode put = example("Put");
        arm.putStyle(EmulatorState.PutStyle.OK_WITH_BODY);
        Response ok = arm(put).contentType("application/json")
                .body(put.path("parameters").path("customerCreationParameters").toString()).put(url(put));
        assertEquals(200, ok.statusCode());
        assertEquals(put.path("responses").path("200").path("body"), body(ok));

        arm.putStyle(EmulatorState.PutStyle.CREATED_EMPTY);
        arm(put).contentType("application/json")
                .body(put.path("parameters").path("customerCreationParameters").toString()).put(url(put))
                .then().statusCode(201).body(emptyString());
    }

    @Test
    void keepsOneSubscriptionPerTenantPerRegistrationAsArmDoes() throws IOException {
        JsonNode put = example("Put");
        String first = "00000000-0000-4000-8000-000000000001";
        String second = "00000000-0000-4000-8000-000000000002";
        String otherTenant = "00000000-0000-4000-8000-0000000000aa";
        arm.seed(east(), first, TENANT);
        arm.seed(west(), first, TENANT);

        putTenant(put, second, TENANT).then().statusCode(201);
        assertEquals(Map.of(second, TENANT), arm.customersOf(east()), "the tenant's first subscription is unmapped");
        assertEquals(Map.of(first, TENANT), arm.customersOf(west()), "on that registration only");

        putTenant(put, second, otherTenant).then().statusCode(201);
        assertEquals(Map.of(second, otherTenant), arm.customersOf(east()), "a PUT over the entry changes its tenant");
        assertThrows(IllegalStateException.class, () -> arm.seed(west(), second, TENANT),
                "a seed never makes a state ARM cannot hold");
    }

    private Response putTenant(JsonNode example, String subscription, String tenant) {
        return arm(example).contentType("application/json")
                .body("{\"properties\":{\"tenantId\":\"" + tenant + "\"}}")
                .put(url(example).replaceAll("/[^/]+$", "/" + subscription));
    }

    @Test
    void throttlesWritesWithATokenBucketPerSubscriptionAndKindAsArmDoes() throws IOException {
        JsonNode put = example("Put");
        // Refilled one token an hour: nothing comes back within the test.
        arm.throttleWrites(new EmulatorState.WriteThrottle(2, 1.0 / 3600));
        String first = "00000000-0000-4000-8000-000000000001";
        String second = "00000000-0000-4000-8000-000000000002";
        String third = "00000000-0000-4000-8000-000000000003";
        putTenant(put, first, TENANT).then().statusCode(201)
                .header("x-ms-ratelimit-remaining-subscription-writes", "1");
        putTenant(put, second, "00000000-0000-4000-8000-0000000000bb").then().statusCode(201)
                .header("x-ms-ratelimit-remaining-subscription-writes", "0");
        Response refused = putTenant(put, third, "00000000-0000-4000-8000-0000000000cc");
        assertEquals(429, refused.statusCode());
        assertEquals("SubscriptionRequestsThrottled", body(refused).path("error").path("code").asText());
        assertEquals("0", refused.header("x-ms-ratelimit-remaining-subscription-writes"));
        assertTrue(Long.parseLong(refused.header("Retry-After")) > 3000, "whole seconds until the next token");
        assertEquals(2, arm.customersOf(east()).size(), "a throttled write changes nothing");
        assertEquals(1, arm.throttledWrites());

        // Deletes have a bucket of their own; reads are not throttled.
        arm(put).delete(url(put).replaceAll("/[^/]+$", "/" + first)).then().statusCode(200)
                .header("x-ms-ratelimit-remaining-subscription-deletes", "1");
        arm(put).get(url(put).replaceAll("/[^/]+$", "/" + second)).then().statusCode(200);

        arm.reset();
        Response afterReset = putTenant(put, third, TENANT);
        assertEquals(201, afterReset.statusCode());
        assertEquals(null, afterReset.header("x-ms-ratelimit-remaining-subscription-writes"),
                "a reset turns the throttle off");
    }

    @Test
    void getAndListAnswerWithTheExamplesBodies() throws IOException {
        JsonNode get = example("Get");
        arm.seed(east(), get.path("parameters").path("customerSubscriptionName").asText(),
                get.path("responses").path("200").path("body").path("properties").path("tenantId").asText());

        Response one = arm(get).get(url(get));
        assertEquals(200, one.statusCode());
        assertEquals(get.path("responses").path("200").path("body"), body(one));

        JsonNode list = example("List");
        Response all = arm(list).get(url(list));
        assertEquals(200, all.statusCode());
        assertEquals(list.path("responses").path("200").path("body"), body(all));
    }

    @Test
    void deleteAnswers200ThenNoContent() throws IOException {
        JsonNode delete = example("Delete");
        List<String> documented = new ArrayList<>();
        delete.path("responses").fieldNames().forEachRemaining(documented::add);
        assertEquals(List.of("200", "204"), documented);
        arm.seed(east(), delete.path("parameters").path("customerSubscriptionName").asText(), TENANT);
        arm(delete).delete(url(delete)).then().statusCode(200);
        arm(delete).delete(url(delete)).then().statusCode(204);
        arm(delete).get(url(delete)).then().statusCode(404).body("error.code", equalTo("CustomerSubscriptionNotFound"));
    }

    @Test
    void pagesWithNextLinkAndSkipToken() throws IOException {
        JsonNode list = example("List");
        for (int i = 1; i <= 3; i++) {
            arm.seed(east(), "00000000-0000-4000-8000-00000000000" + i, "00000000-0000-4000-9000-00000000000" + i);
        }
        arm.pageSize(2);
        Response first = arm(list).get(url(list));
        String next = first.path("nextLink");
        assertEquals(url(list) + "?api-version=2017-06-01&$skipToken=2", next);
        assertEquals(2, body(first).path("value").size());

        Response second = given().relaxedHTTPSValidation().auth().oauth2(token).urlEncodingEnabled(false).get(next);
        assertEquals(1, body(second).path("value").size());
        assertEquals(false, body(second).has("nextLink"));
    }

    @Test
    void refusesMissingOrForeignTokensAndUnknownRegistrations() throws IOException {
        JsonNode list = example("List");
        given().relaxedHTTPSValidation().queryParam("api-version", "2017-06-01").get(url(list))
                .then().statusCode(401).body("error.code", equalTo("AuthenticationFailed"));
        given().relaxedHTTPSValidation().auth().oauth2("forged").queryParam("api-version", "2017-06-01").get(url(list))
                .then().statusCode(401).body("error.code", equalTo("InvalidAuthenticationToken"));
        arm(list).get(url(list).replace("testregistration", "nosuchregistration"))
                .then().statusCode(404).body("error.code", equalTo("RegistrationNotFound"));
        given().relaxedHTTPSValidation().auth().oauth2(token).queryParam("api-version", "2016-01-01").get(url(list))
                .then().statusCode(400).body("error.code", equalTo("NoRegisteredProviderFound"));
    }
}
