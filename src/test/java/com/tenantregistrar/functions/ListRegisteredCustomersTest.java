package com.tenantregistrar.functions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.emulator.EmulatorState.ArmRequest;
import com.tenantregistrar.emulator.Fault;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ListRegisteredCustomersTest extends EmulatedArmTest {

    @ConfigProperty(name = "registrar.emulator.arm-port")
    int armPort;

    private static String subscription(int i) {
        return "00000000-0000-4000-8000-00000000000" + i;
    }

    /** A tenant of its own for each subscription: a registration holds one subscription per tenant. */
    private static String tenant(int i) {
        return "00000000-0000-4000-9000-00000000000" + i;
    }

    @Test
    void followsNextLinkThroughEveryPage() {
        for (int i = 1; i <= 5; i++) {
            arm.seed(east(), subscription(i), tenant(i));
        }
        arm.pageSize(2);

        given().queryParam("registration", "east")
                .get("/listRegisteredCustomers")
                .then().statusCode(200)
                .body("count", equalTo(5))
                .body("customers.customerSubscriptionId", contains(subscription(1), subscription(2),
                        subscription(3), subscription(4), subscription(5)))
                .body("customers.registration", contains("east", "east", "east", "east", "east"));

        List<ArmRequest> calls = armCalls();
        assertEquals(3, calls.size(), "three pages of two");
        assertTrue(calls.stream().allMatch(c -> c.method().equals("GET")
                && c.path().equals(east().customerSubscriptionsCollection())));
        assertTrue(calls.get(1).query().contains("$skipToken=2"), calls.get(1).query());
    }

    @Test
    void aNextLinkToAnotherOriginIsNotFollowedSoTheTokenStaysWithArm() {
        arm.seed(east(), subscription(1), tenant(1));
        arm.seed(east(), subscription(2), tenant(2));
        arm.pageSize(1);
        // The same emulator under another name: had the app followed it, the request would be recorded.
        arm.nextLinkOrigin("https://127.0.0.1:" + armPort);

        given().queryParam("registration", "east").get("/listRegisteredCustomers")
                .then().statusCode(502)
                .body("error.code", equalTo("UpstreamError"))
                .body("error.message", containsString("was not followed"));
        assertEquals(1, armCalls().size());
    }

    @Test
    void listsEveryRegistrationByDefaultWithLowerCaseIds() {
        arm.seed(east(), SUBSCRIPTION.toUpperCase(), TENANT.toUpperCase());
        arm.seed(west(), subscription(7), TENANT);

        given().get("/listRegisteredCustomers")
                .then().statusCode(200)
                .body("count", equalTo(2))
                .body("customers.registration", contains("east", "west"))
                .body("customers.customerSubscriptionId", contains(SUBSCRIPTION, subscription(7)))
                .body("customers.tenantId", contains(TENANT, TENANT))
                .body("results.registration", contains("east", "west"))
                .body("results.status", contains("listed", "listed"))
                .body("results.count", contains(1, 1));
    }

    @Test
    void acceptsThePostForm() {
        arm.seed(west(), subscription(7), TENANT);
        json("{\"registration\": \"west\"}").post("/listRegisteredCustomers")
                .then().statusCode(200)
                .body("count", equalTo(1))
                .body("customers[0].customerSubscriptionId", equalTo(subscription(7)));
        assertEquals(1, armCalls().size());
    }

    @Test
    void anEmptyRegistrationListsNobody() {
        given().queryParam("registration", "west").get("/listRegisteredCustomers")
                .then().statusCode(200)
                .body("count", equalTo(0))
                .body("customers", empty());
    }

    @Test
    void aMissingRegistrationIs404BesideTheCustomersOfTheOthers() {
        arm.seed(east(), subscription(1), TENANT);
        arm.removeRegistration(west());
        given().get("/listRegisteredCustomers")
                .then().statusCode(404)
                .body("error.code", equalTo("RegistrationNotFound"))
                .body("customers.customerSubscriptionId", contains(subscription(1)))
                .body("results.status", contains("listed", "failed"))
                .body("results[1].error.code", equalTo("RegistrationNotFound"));
    }

    @Test
    void aFailingRegistrationDoesNotHideTheCustomersOfTheOthers() {
        arm.seed(east(), subscription(1), tenant(1));
        arm.seed(east(), subscription(2), tenant(2));
        arm.seed(east(), subscription(3), tenant(3));
        arm.seed(west(), subscription(4), TENANT);
        arm.inject(Fault.error("GET", "azurestack-west", 403, "AuthorizationFailed", -1));

        given().get("/listRegisteredCustomers")
                .then().statusCode(403)
                .contentType("application/json")
                .body("error.code", equalTo("AuthorizationFailed"))
                .body("count", equalTo(3))
                .body("customers.registration", contains("east", "east", "east"))
                .body("customers.customerSubscriptionId", contains(subscription(1), subscription(2), subscription(3)))
                .body("results.registration", contains("east", "west"))
                .body("results.status", contains("listed", "failed"))
                .body("results[0].count", equalTo(3))
                .body("results[0]", not(hasKey("error")))
                .body("results[1]", not(hasKey("count")))
                .body("results[1].error.code", equalTo("AuthorizationFailed"));
    }

    @Test
    void aTransientFailureOutranksAPermanentOneSoTheCallerRetries() {
        arm.seed(west(), subscription(4), TENANT);
        arm.inject(Fault.error("GET", "testregistration", 403, "AuthorizationFailed", -1));
        arm.inject(Fault.throttle("GET", "azurestack-west", 120, -1));

        given().get("/listRegisteredCustomers")
                .then().statusCode(429)
                .header("Retry-After", "120")
                .body("error.code", equalTo("Throttled"))
                .body("count", equalTo(0))
                .body("results.status", contains("failed", "failed"))
                .body("results.error.code", contains("AuthorizationFailed", "Throttled"));
    }

    @Test
    void anEmptyRegistrationAliasIs400WithoutAnArmCall() {
        given().queryParam("registration", "").get("/listRegisteredCustomers")
                .then().statusCode(400)
                .body("error.code", equalTo("InvalidRequest"))
                .body("error.message", startsWith("A registration alias is empty"));
        assertEquals(0, armCalls().size());
    }
}
