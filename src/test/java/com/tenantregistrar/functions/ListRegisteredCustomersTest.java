package com.tenantregistrar.functions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.emulator.EmulatorState.ArmRequest;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ListRegisteredCustomersTest extends EmulatedArmTest {

    @ConfigProperty(name = "registrar.emulator.arm-port")
    int armPort;

    private static String subscription(int i) {
        return "00000000-0000-4000-8000-00000000000" + i;
    }

    @Test
    void followsNextLinkThroughEveryPage() {
        for (int i = 1; i <= 5; i++) {
            arm.seed(east(), subscription(i), TENANT);
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
        arm.seed(east(), subscription(1), TENANT);
        arm.seed(east(), subscription(2), TENANT);
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
                .body("customers.tenantId", contains(TENANT, TENANT));
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
    void aMissingRegistrationIs404() {
        arm.removeRegistration(west());
        given().get("/listRegisteredCustomers")
                .then().statusCode(404)
                .body("error.code", equalTo("RegistrationNotFound"));
    }
}
