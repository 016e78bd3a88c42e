package com.tenantregistrar.functions;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.emulator.Fault;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RemoveCustomerTest extends EmulatedArmTest {

    @Test
    void removesFromEveryRegistrationWhenAskedWithAStarAndSaysWhereItWasAbsent() {
        arm.seed(east(), SUBSCRIPTION, TENANT);

        json(removeBody(SUBSCRIPTION.toUpperCase(), "*"))
                .post("/removeCustomer")
                .then().statusCode(200)
                .body("customerSubscriptionId", equalTo(SUBSCRIPTION))
                .body("$", not(hasKey("tenantId")))
                .body("results.registration", contains("east", "west"))
                .body("results.status", contains("removed", "absent"));

        assertEquals(Map.of(), arm.customersOf(east()));
        // Each entry is read (for the journal's record of the tenant removed), then deleted.
        assertEquals(List.of("GET", "DELETE", "GET", "DELETE"), armCalls().stream()
                .sorted(java.util.Comparator.comparing(c -> c.path().contains("azurestack-west")))
                .map(c -> c.method()).toList());
        assertTrue(armCalls().stream().allMatch(c -> c.path().endsWith("/customerSubscriptions/" + SUBSCRIPTION)));
    }

    @Test
    void removingTwiceIsASuccess() {
        arm.seed(west(), SUBSCRIPTION, TENANT);
        json(removeBody(SUBSCRIPTION, "west")).post("/removeCustomer")
                .then().statusCode(200).body("results.status", contains("removed"));
        json(removeBody(SUBSCRIPTION, "west")).post("/removeCustomer")
                .then().statusCode(200).body("results.status", contains("absent"));
    }

    @Test
    void customerSubscriptionNotFoundMeansAbsent() {
        arm.inject(Fault.error("DELETE", SUBSCRIPTION, 404, "CustomerSubscriptionNotFound", 1));
        json(removeBody(SUBSCRIPTION, "east")).post("/removeCustomer")
                .then().statusCode(200).body("results.status", contains("absent"));
    }

    @Test
    void aFailingRegistrationIsReportedBesideTheOthers() {
        arm.seed(east(), SUBSCRIPTION, TENANT);
        arm.seed(west(), SUBSCRIPTION, TENANT);
        arm.inject(Fault.error("DELETE", "azurestack-west", 403, "AuthorizationFailed", -1));

        json(removeBody(SUBSCRIPTION, "*")).post("/removeCustomer")
                .then().statusCode(403)
                .body("error.code", equalTo("AuthorizationFailed"))
                .body("results.status", contains("removed", "failed"))
                .body("results[1].error.message", equalTo(
                        "The function app's identity may not manage customer subscriptions on this registration. "
                                + "Grant it a role with Microsoft.AzureStack/registrations/customerSubscriptions/"
                                + "read, write and delete on the registration's resource group. "
                                + "ARM said: Injected fault: AuthorizationFailed."));

        assertEquals(Map.of(), arm.customersOf(east()));
        assertEquals(Map.of(SUBSCRIPTION, TENANT), arm.customersOf(west()));
    }

    @Test
    void aRemovalThatNamesNoRegistrationsIsRefusedAndRemovesNothing() {
        arm.seed(east(), SUBSCRIPTION, TENANT);
        arm.seed(west(), SUBSCRIPTION, TENANT);

        json(removeBody(SUBSCRIPTION)).post("/removeCustomer")
                .then().statusCode(400)
                .body("error.code", equalTo("InvalidRequest"))
                .body("error.message", equalTo("removeCustomer needs 'registrations': name the registrations to "
                        + "remove the customer subscription from (east, west), or send [\"*\"] to remove it from "
                        + "every registration."));
        json("{\"customerSubscriptionId\": \"" + SUBSCRIPTION + "\", \"registrations\": null}").post("/removeCustomer")
                .then().statusCode(400).body("error.message", containsString("needs 'registrations'"));

        assertEquals(0, armCalls().size());
        assertEquals(Map.of(SUBSCRIPTION, TENANT), arm.customersOf(east()));
        assertEquals(Map.of(SUBSCRIPTION, TENANT), arm.customersOf(west()));
    }

    @Test
    void anEmptyListOfRegistrationsIsRefused() {
        arm.seed(east(), SUBSCRIPTION, TENANT);
        json("{\"customerSubscriptionId\": \"" + SUBSCRIPTION + "\", \"registrations\": []}").post("/removeCustomer")
                .then().statusCode(400)
                .body("error.code", equalTo("InvalidRequest"))
                .body("error.message", startsWith("'registrations' is empty"));
        assertEquals(0, armCalls().size());
        assertEquals(Map.of(SUBSCRIPTION, TENANT), arm.customersOf(east()));
    }

    @Test
    void aStarMixedWithAliasesIsRefused() {
        arm.seed(east(), SUBSCRIPTION, TENANT);
        json(removeBody(SUBSCRIPTION, "*", "east")).post("/removeCustomer")
                .then().statusCode(400)
                .body("error.code", equalTo("InvalidRequest"))
                .body("error.message", startsWith("'registrations' mixes \"*\" (every registration) with aliases"));
        assertEquals(0, armCalls().size());
        assertEquals(Map.of(SUBSCRIPTION, TENANT), arm.customersOf(east()));
    }
}
