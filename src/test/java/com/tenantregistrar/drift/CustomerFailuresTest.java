package com.tenantregistrar.drift;

import static com.tenantregistrar.drift.ResumableWalkTest.azure;
import static com.tenantregistrar.drift.ResumableWalkTest.customer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.emulator.EmulatorState.ArmRequest;
import com.tenantregistrar.emulator.Fault;
import com.tenantregistrar.emulator.PartnerCenterState;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * A customer whose subscriptions answer 403 on every read (after the retries) stops the walk for
 * REGISTRAR_PARTNER_CENTER_MAX_CUSTOMER_FAILURES (3) runs in a row, then is stepped over: the customers after it are
 * read and added, the generation completes without it, its tenant is undecided (its registered entry is held, not
 * removed), and the next generation tries it again. Six customers, two per page, the walk saved in Azurite.
 */
@QuarkusTest
@TestProfile(WithPartnerCenter.class)
class CustomerFailuresTest extends EmulatedArmTest {

    @Inject
    PartnerCenterState partnerCenter;

    @BeforeEach
    void sixCustomersTwoPerPage() {
        WalkedCustomers.seed(partnerCenter, 6, 2);
    }

    private long customer1Asked() {
        return partnerCenter.requests().stream().filter(r -> r.path().endsWith(customer(1) + "/subscriptions"))
                .count();
    }

    private List<String> written(String method) {
        return armCalls().stream().filter(c -> c.method().equals(method)).map(ArmRequest::path)
                .map(path -> path.substring(path.lastIndexOf('/') + 1)).distinct().sorted().toList();
    }

    @Test
    void aCustomerThatKeepsFailingIsSteppedOverAfterThreeRunsItsTenantUndecidedAndTriedAgainNextGeneration() {
        // Customer 1's Azure subscription is registered, unexpected long enough for any grace: only its being
        // undecided can hold its removal once a generation completes without it.
        arm.seed(east(), azure(1), customer(1));
        StoredDriftState.unexpectedSince(storage, "east", azure(1), customer(1),
                Instant.now().minus(30, ChronoUnit.DAYS));
        partnerCenter.inject(Fault.error("GET", customer(1) + "/subscriptions", 403, "Forbidden", 4));

        for (int run = 1; run <= 2; run++) {
            TimerRequest.run().then().statusCode(503);
            assertEquals(run, customer1Asked(), "run " + run + " stopped at customer 1");
        }
        assertEquals(List.of(), written("PUT").stream().filter(s -> !s.equals(azure(0))).toList(),
                "nothing after customer 1 is read while the walk stops there");

        JsonPath third = TimerRequest.run().then().statusCode(200).extract().jsonPath();
        assertEquals(3, customer1Asked());
        assertEquals(true, third.getBoolean("ReturnValue.partnerCenter.complete"), third.prettify());
        assertEquals(1, third.getInt("ReturnValue.partnerCenter.generation"));
        List<Map<String, Object>> skipped = third.getList("ReturnValue.partnerCenter.skipped");
        assertEquals(1, skipped.size(), third.prettify());
        assertEquals(customer(1), skipped.get(0).get("customerId"));
        assertEquals("PartnerCenterForbidden", third.getString("ReturnValue.partnerCenter.skipped[0].error.code"));
        assertEquals(List.of(customer(1)), third.getList("ReturnValue.undecided"));
        assertEquals(false, third.getBoolean("ReturnValue.inSync"), "an undecided tenant is no proof of sync");
        assertEquals(List.of(azure(0), azure(2), azure(3), azure(4), azure(5)), written("PUT"),
                "the customers after it are read and added");
        assertEquals(List.of(Map.of("action", "remove", "registration", "east", "customerSubscriptionId", azure(1),
                "status", "held", "reason", "partnerCenterUndecided")),
                third.getList("ReturnValue.actions.findAll { it.action == 'remove' }"));
        assertEquals(List.of(), written("DELETE"), "its tenant's entry is not removed on the strength of a skip");
        // The coverage of that kept run shows it undecided, with its customer's error, and out of sync.
        given().get("/coverage").then().statusCode(200).body("inSync", equalTo(false))
                .body("total.undecided", equalTo(1)).body("registrations[0].undecided", equalTo(1))
                .body("undecided.tenantId", equalTo(List.of(customer(1))))
                .body("undecided[0].error.code", equalTo("PartnerCenterForbidden"));
        given().get("/coverage?status=undecided").then().statusCode(200)
                .body("undecided.tenantId", equalTo(List.of(customer(1)))).body("registered", hasSize(0));

        // The next generation reads it again: still failing, it is stepped over at once; the walk does not stall.
        JsonPath fourth = TimerRequest.run().then().statusCode(200).extract().jsonPath();
        assertEquals(4, customer1Asked(), "tried again in the next generation");
        assertEquals(2, fourth.getInt("ReturnValue.partnerCenter.generation"));
        assertEquals(customer(1), fourth.getString("ReturnValue.partnerCenter.skipped[0].customerId"));
        assertEquals(List.of("partnerCenterUndecided"),
                fourth.getList("ReturnValue.actions.findAll { it.action == 'remove' }.reason"));

        // Read again, it is decided again: expected where it is registered, nothing undecided.
        JsonPath fifth = TimerRequest.run().then().statusCode(200).extract().jsonPath();
        assertEquals(5, customer1Asked());
        assertTrue(fifth.getMap("ReturnValue.partnerCenter").get("skipped") == null, fifth.prettify());
        assertEquals(List.of(), fifth.getList("ReturnValue.undecided"));
        assertEquals(List.of(), fifth.getList("ReturnValue.unexpected"));
        assertEquals(List.of(), written("DELETE"));
    }
}
