package com.tenantregistrar.drift;

import static com.tenantregistrar.drift.DesiredStateFile.customer;
import static com.tenantregistrar.drift.DesiredStateFile.manifest;
import static com.tenantregistrar.journal.Journal.await;
import static com.tenantregistrar.journal.Journal.changes;
import static com.tenantregistrar.journal.Journal.uniqueGuid;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.emulator.Fault;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The drift check remembers since when each customer has been missing, across runs, in the storage account; an
 * entry fixed outside the app is closed with an {@code observed} record in the journal, one the app fixes carries
 * {@code missingSince} on its own record, and an entry is never closed on an incomplete view.
 */
@QuarkusTest
class MissingSinceTest extends EmulatedArmTest {

    private static JsonPath checkDrift(int status) {
        return given().post("/checkDrift").then().statusCode(status).extract().jsonPath();
    }

    private static String since(JsonPath report, String registration, String subscription) {
        List<Map<String, Object>> missing = report.getList("missing");
        return missing.stream().filter(m -> m.get("registration").equals(registration)
                && m.get("customerSubscriptionId").equals(subscription)).map(m -> (String) m.get("since"))
                .findFirst().orElseThrow(() -> new AssertionError(registration + " " + subscription
                        + " is not missing in " + missing));
    }

    @Test
    void sinceIsKeptAcrossRunsAndTheTimerReportsItToo() {
        String subscription = uniqueGuid();
        DesiredStateFile.write(manifest(customer(subscription, TENANT)));
        Instant before = Instant.now().minusSeconds(1);

        String east = since(checkDrift(200), "east", subscription);
        String west = since(checkDrift(200), "west", subscription);
        assertTrue(Instant.parse(east).isAfter(before), east);

        assertEquals(east, since(checkDrift(200), "east", subscription));
        assertEquals(west, since(checkDrift(200), "west", subscription));
        JsonPath timer = TimerRequest.run().then().statusCode(200).extract().jsonPath();
        assertEquals(east, since(timer.setRootPath("ReturnValue"), "east", subscription));
    }

    @Test
    void aFixOutsideTheAppIsJournaledAsObservedAndTheAppsOwnFixCarriesMissingSince() {
        String subscription = uniqueGuid();
        DesiredStateFile.write(manifest(customer(subscription, TENANT)));
        JsonPath first = checkDrift(200);
        String eastSince = since(first, "east", subscription);
        String westSince = since(first, "west", subscription);

        arm.seed(east(), subscription, TENANT); // registered by hand
        JsonPath second = given().header("x-ms-correlation-request-id", "missing-since-run").post("/checkDrift")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("west"), second.getList("missing.registration"));
        Map<String, Object> observed = await("customerSubscriptionId=" + subscription, c -> c.size() == 1).get(0);
        assertEquals("register", observed.get("action"));
        assertEquals("east", observed.get("registration"));
        assertEquals("observed", observed.get("outcome"));
        assertEquals(TENANT, observed.get("tenantId"));
        assertEquals("function", observed.get("trigger"));
        assertEquals("missing-since-run", observed.get("correlationId"));
        assertEquals(eastSince, observed.get("missingSince"));

        json(registerBody(subscription, TENANT, "west")).post("/registerCustomer").then().statusCode(200);
        Map<String, Object> fixed = await("customerSubscriptionId=" + subscription + "&registration=west",
                c -> c.size() == 1).get(0);
        assertEquals("registered", fixed.get("outcome"));
        assertEquals(westSince, fixed.get("missingSince"));
        assertNotNull(fixed.get("armRequestId"));

        assertEquals(List.of(), checkDrift(200).getList("missing"));
        assertEquals(2, changes("customerSubscriptionId=" + subscription).size(), "no second observed record");
    }

    @Test
    void anEntryIsNotClosedWhileItsRegistrationCannotBeRead() {
        String subscription = uniqueGuid();
        DesiredStateFile.write(manifest(customer(subscription, TENANT, "east")));
        String since = since(checkDrift(200), "east", subscription);

        arm.inject(Fault.error("GET", "testregistration/customerSubscriptions", 403, "AuthorizationFailed", 1));
        checkDrift(403);

        assertEquals(since, since(checkDrift(200), "east", subscription));
        assertEquals(0, changes("customerSubscriptionId=" + subscription).size());
    }
}
