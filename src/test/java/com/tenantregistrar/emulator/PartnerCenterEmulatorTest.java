package com.tenantregistrar.emulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.EmulatedArmTest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The emulated Partner Center answers as the documented samples (src/test/resources/partner-center/
 * partner-center-api) show, pages its customers with links.next and MS-ContinuationToken, accepts only the
 * emulated Entra's Partner Center tokens, and applies faults and its rate limit.
 */
@QuarkusTest
class PartnerCenterEmulatorTest extends EmulatedArmTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    PartnerCenterState partnerCenter;

    @ConfigProperty(name = "registrar.emulator.entra-port")
    int entraPort;

    @ConfigProperty(name = "registrar.emulator.partner-center-port")
    int partnerCenterPort;

    @ConfigProperty(name = "registrar.emulator.partner-tenant-id")
    String tenantId;

    @ConfigProperty(name = "registrar.emulator.partner-center-client-id")
    String clientId;

    @ConfigProperty(name = "registrar.emulator.partner-center-client-secret")
    String clientSecret;

    private String token;

    @BeforeEach
    void getToken() {
        partnerCenter.reset();
        token = tokenRequest("https://api.partnercenter.microsoft.com/.default")
                .then().statusCode(200).body("token_type", equalTo("Bearer"))
                .extract().path("access_token");
    }

    private Response tokenRequest(String scope) {
        return given().relaxedHTTPSValidation().formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("client_secret", clientSecret).formParam("scope", scope)
                .post("https://localhost:" + entraPort + "/" + tenantId + "/oauth2/v2.0/token");
    }

    /** The JSON body of a verbatim sample response (from its first '{'). */
    private static JsonNode sample(String name) throws IOException {
        try (InputStream in = PartnerCenterEmulatorTest.class.getResourceAsStream(
                "/partner-center/partner-center-api/" + name)) {
            String http = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return MAPPER.readTree(http.substring(http.indexOf('{')));
        }
    }

    private RequestSpecification partnerCenter() {
        return given().relaxedHTTPSValidation().auth().oauth2(token).urlEncodingEnabled(false);
    }

    private String url(String path) {
        return "https://localhost:" + partnerCenterPort + path;
    }

    private static JsonNode body(Response response) throws IOException {
        return MAPPER.readTree(response.asString());
    }

    /** Every member of the sample is in the answer with the same JSON type, recursively (values may differ). */
    private static void assertSameShape(JsonNode sample, JsonNode actual, String where) {
        assertEquals(sample.getNodeType(), actual.getNodeType(), where);
        if (sample.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = sample.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> member = it.next();
                assertTrue(actual.has(member.getKey()), where + "." + member.getKey() + " is missing in " + actual);
                assertSameShape(member.getValue(), actual.get(member.getKey()), where + "." + member.getKey());
            }
        } else if (sample.isArray() && !sample.isEmpty() && !actual.isEmpty()) {
            assertSameShape(sample.get(0), actual.get(0), where + "[0]");
        }
    }

    @Test
    void customersPageAsTheSampleShows() throws IOException {
        JsonNode sample = sample("list-customers.page1.response.http");
        for (JsonNode customer : sample.path("items")) {
            partnerCenter.addCustomer(customer.path("id").asText(),
                    customer.path("companyProfile").path("companyName").asText());
        }
        Response page = partnerCenter().get(url("/v1/customers?size=40"));

        assertEquals(200, page.statusCode());
        JsonNode answer = body(page);
        assertSameShape(sample, answer, "page");
        assertEquals(sample.path("totalCount"), answer.path("totalCount"));
        assertEquals(sample.path("links"), answer.path("links"));
        assertEquals(sample.path("attributes"), answer.path("attributes"));
        for (int i = 0; i < 2; i++) {
            JsonNode customer = answer.path("items").get(i);
            assertEquals(sample.path("items").get(i).path("id"), customer.path("id"));
            assertEquals(customer.path("id"), customer.path("companyProfile").path("tenantId"),
                    "the customer ID is its tenant ID");
        }
    }

    @Test
    void pagingWalksEveryCustomerFollowingLinksNextWithItsHeader() throws IOException {
        List<String> seeded = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            String id = "00000000-0000-4000-8000-00000000000" + i;
            partnerCenter.addCustomer(id, "Customer " + i);
            seeded.add(id);
        }
        partnerCenter.pageSize(3);
        JsonNode documentedNext = sample("seek-paging.invoice-lineitems.page1.response.http")
                .path("links").path("next");

        List<String> walked = new ArrayList<>();
        JsonNode page = body(partnerCenter().get(url("/v1/customers?size=40")));
        int pages = 1;
        page.path("items").forEach(item -> walked.add(item.path("id").asText()));
        while (page.path("links").has("next")) {
            JsonNode next = page.path("links").path("next");
            assertSameShape(documentedNext, next, "links.next");
            assertEquals("GET", next.path("method").asText());
            assertEquals("/v1/customers?size=40&seekOperation=Next", next.path("uri").asText());
            RequestSpecification request = partnerCenter();
            next.path("headers").forEach(h -> request.header(h.path("key").asText(), h.path("value").asText()));
            page = body(request.get(url(next.path("uri").asText())));
            pages++;
            page.path("items").forEach(item -> walked.add(item.path("id").asText()));
        }

        assertEquals(seeded, walked);
        assertEquals(3, pages);
        assertEquals(1, page.path("totalCount").asInt(), "totalCount counts the page's items, as in the samples");
        assertEquals(3, partnerCenter.calls(PartnerCenterState.CallKind.CUSTOMERS));
        assertEquals(2, partnerCenter.requests().stream().filter(r -> r.continuationToken() != null).count());
    }

    @Test
    void aNextPageWithoutItsContinuationTokenIsRefused() throws IOException {
        for (int i = 1; i <= 3; i++) {
            partnerCenter.addCustomer("00000000-0000-4000-8000-00000000000" + i, "Customer " + i);
        }
        partnerCenter.pageSize(2);
        JsonNode next = body(partnerCenter().get(url("/v1/customers?size=40"))).path("links").path("next");

        partnerCenter().get(url(next.path("uri").asText())).then().statusCode(400)
                .body("description", containsString("MS-ContinuationToken"));
        partnerCenter().header("MS-ContinuationToken", "forged").get(url(next.path("uri").asText()))
                .then().statusCode(400);
        partnerCenter().get(url("/v1/customers")).then().statusCode(400).body("description", containsString("size"));
    }

    @Test
    void subscriptionsAnswerAsTheLegacyAzureSample() throws IOException {
        JsonNode sample = sample("get-subscription-by-id.azure-0145P.response.http");
        String customer = sample.path("links").path("self").path("uri").asText().split("/")[2];
        partnerCenter.addCustomer(customer, "Legacy")
                .addSubscription(customer, sample.path("id").asText(), sample.path("offerId").asText(),
                        sample.path("status").asText(), sample.path("entitlementId").asText());

        JsonNode one = body(partnerCenter().get(url("/v1/customers/" + customer + "/subscriptions/"
                + sample.path("id").asText().toLowerCase())));
        assertSameShape(sample, one, "subscription");
        for (String field : List.of("id", "entitlementId", "offerId", "offerName", "friendlyName", "quantity",
                "unitType", "status", "autoRenewEnabled", "billingType", "contractType")) {
            assertEquals(sample.path(field), one.path(field), field);
        }
        assertEquals(sample.path("links").path("self"), one.path("links").path("self"));

        JsonNode all = body(partnerCenter().get(url("/v1/customers/" + customer + "/subscriptions")));
        assertEquals(1, all.path("totalCount").asInt());
        assertEquals(one, all.path("items").get(0));
        assertEquals("Collection", all.path("attributes").path("objectType").asText());
    }

    @Test
    void azureEntitlementsAnswerAsTheSample() throws IOException {
        JsonNode sample = sample("azure-entitlements.response.http");
        JsonNode entitlement = sample.path("items").get(0);
        String customer = "11f9bc2a-1f38-431c-a0b0-9455c6f5bbc0";
        String plan = entitlement.path("subscriptionId").asText();
        partnerCenter.addCustomer(customer, "Plan customer")
                .addSubscription(customer, plan, PartnerCenterState.AZURE_PLAN_OFFER, "active")
                .addAzureEntitlement(customer, plan, entitlement.path("id").asText(),
                        entitlement.path("status").asText());

        Response answer = partnerCenter().get(url("/v1/customers/" + customer + "/subscriptions/" + plan
                + "/azureEntitlements"));

        assertEquals(200, answer.statusCode());
        assertEquals(sample, body(answer));
        JsonNode planSubscription = body(partnerCenter().get(url("/v1/customers/" + customer + "/subscriptions/"
                + plan)));
        assertTrue(planSubscription.path("offerId").asText().startsWith("DZH318Z0BPS6:"));
    }

    @Test
    void unknownCustomersAndSubscriptionsAre404WithTheDocumentedShape() throws IOException {
        JsonNode sample = sample("error-response.404.example.http");
        partnerCenter.addCustomer(TENANT, "Known");

        Response customer = partnerCenter().get(url("/v1/customers/" + SUBSCRIPTION + "/subscriptions"));
        assertEquals(404, customer.statusCode());
        assertSameShape(sample, body(customer), "error");
        assertTrue(body(customer).path("code").isNumber());

        Response subscription = partnerCenter().get(url("/v1/customers/" + TENANT + "/subscriptions/" + SUBSCRIPTION
                + "/azureEntitlements"));
        assertEquals(404, subscription.statusCode());
        assertSameShape(sample, body(subscription), "error");
    }

    @Test
    void onlyTheEmulatedEntrasPartnerCenterTokensAreAccepted() {
        String armToken = given().header("X-IDENTITY-HEADER", "test-identity-header")
                .queryParam("api-version", "2019-08-01").queryParam("resource", "https://management.azure.com/")
                .get("http://127.0.0.1:18091/msi/token").then().statusCode(200).extract().path("access_token");

        given().relaxedHTTPSValidation().get(url("/v1/customers?size=10")).then().statusCode(401);
        given().relaxedHTTPSValidation().auth().oauth2("forged").get(url("/v1/customers?size=10"))
                .then().statusCode(401);
        given().relaxedHTTPSValidation().auth().oauth2(armToken).get(url("/v1/customers?size=10"))
                .then().statusCode(401);
        partnerCenter().get(url("/v1/customers?size=10")).then().statusCode(200);
    }

    @Test
    void entraRefusesOtherScopesAndAnswersInjectedFaults() {
        // After the token of @BeforeEach:
        tokenRequest("https://management.azure.com/.default").then().statusCode(400)
                .body("error", equalTo("invalid_scope")).body("error_codes[0]", equalTo(1002012));
        partnerCenter.inject(Fault.error("POST", "/oauth2/v2.0/token", 503, "503", 1));

        tokenRequest("https://api.partnercenter.microsoft.com/.default").then().statusCode(503)
                .body("error", equalTo("temporarily_unavailable"));
        tokenRequest("https://api.partnercenter.microsoft.com/.default").then().statusCode(200);
        assertEquals(List.of(200, 400, 503, 200), partnerCenter.entraRequests().stream()
                .map(PartnerCenterState.EntraRequest::status).toList());
    }

    @Test
    void callsAreRecordedWithTheirIdsWhichTheAnswerEchoes() {
        partnerCenter().header("MS-CorrelationId", "c49004b1-224f-4d86-a607-6c8bcc52cfdd")
                .header("MS-RequestId", "16fee928-dc2c-412f-adbb-871f68babf16")
                .get(url("/v1/customers?size=10"))
                .then().statusCode(200)
                .header("MS-CorrelationId", "c49004b1-224f-4d86-a607-6c8bcc52cfdd")
                .header("MS-RequestId", "16fee928-dc2c-412f-adbb-871f68babf16");

        PartnerCenterState.PartnerCenterRequest request = partnerCenter.requests().get(0);
        assertEquals("c49004b1-224f-4d86-a607-6c8bcc52cfdd", request.correlationId());
        assertEquals("16fee928-dc2c-412f-adbb-871f68babf16", request.requestId());
        assertEquals(PartnerCenterState.CallKind.CUSTOMERS, request.kind());
    }

    @Test
    void injectedThrottlingAnswers429WithRetryAfterAndTheDocumentedBody() throws IOException {
        JsonNode sample = sample("throttling-429.response.http");
        partnerCenter.addCustomer(TENANT, "Throttled");
        partnerCenter.inject(Fault.throttle("GET", "/subscriptions", 7, 1));

        Response throttled = partnerCenter().get(url("/v1/customers/" + TENANT + "/subscriptions"));
        assertEquals(429, throttled.statusCode());
        assertEquals("7", throttled.header("Retry-After"));
        assertSameShape(sample, body(throttled), "429");
        assertEquals(1, partnerCenter.throttled());

        partnerCenter().get(url("/v1/customers/" + TENANT + "/subscriptions")).then().statusCode(200);
    }

    @Test
    void injectedErrorsAndDropsApplyToMatchingCallsOnly() throws IOException {
        partnerCenter.addCustomer(TENANT, "Faulty");
        partnerCenter.inject(Fault.error("GET", "/subscriptions", 503, "503", 1));
        // Every time: the test's HTTP client retries a dropped GET itself.
        partnerCenter.inject(Fault.drop("GET", "/azureEntitlements", -1));

        Response unavailable = partnerCenter().get(url("/v1/customers/" + TENANT + "/subscriptions"));
        assertEquals(503, unavailable.statusCode());
        assertSameShape(sample("error-response.404.example.http"), body(unavailable), "error");

        partnerCenter().get(url("/v1/customers/" + TENANT + "/subscriptions")).then().statusCode(200);
        assertThrows(Exception.class, () -> partnerCenter().get(url("/v1/customers/" + TENANT + "/subscriptions/"
                + SUBSCRIPTION + "/azureEntitlements")));
        partnerCenter().get(url("/v1/customers?size=10")).then().statusCode(200);
    }

    @Test
    void theRateLimitThrottlesRequestsBeyondItWithRetryAfter() {
        partnerCenter.rateLimit(2);
        partnerCenter().get(url("/v1/customers?size=10")).then().statusCode(200);
        partnerCenter().get(url("/v1/customers?size=10")).then().statusCode(200);

        Response throttled = partnerCenter().get(url("/v1/customers?size=10"));
        assertEquals(429, throttled.statusCode());
        int retryAfter = Integer.parseInt(throttled.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals(1, partnerCenter.throttled());

        partnerCenter.rateLimit(0);
        partnerCenter().get(url("/v1/customers?size=10")).then().statusCode(200);
    }

    @Test
    void theDemoHasACustomerForEachCaseAndMatchingRegistrations() throws IOException {
        partnerCenter.seedDemo();

        JsonNode page = body(partnerCenter().get(url("/v1/customers?size=100")));
        assertEquals(7, page.path("totalCount").asInt());
        assertFalse(page.path("links").has("next"));
        assertEquals("10206aa3-9bf5-4304-affc-fd970c3b7813", arm.customersOf(east())
                .get("9bd5dad9-cd3d-4b5a-b5be-5e54ad6124a5"));
        assertEquals(arm.customersOf(east()).get("9bd5dad9-cd3d-4b5a-b5be-5e54ad6124a5"),
                arm.customersOf(west()).get("9bd5dad9-cd3d-4b5a-b5be-5e54ad6124a5"));
        JsonNode suspended = body(partnerCenter().get(url("/v1/customers/9ad1ee2c-a875-4662-9534-c45f23e8141b"
                + "/subscriptions"))).path("items").get(0);
        assertEquals("suspended", suspended.path("status").asText());
        assertNotEquals(0, arm.customersOf(east()).size());
    }
}
