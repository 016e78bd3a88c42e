package com.tenantregistrar.journal;

import static com.tenantregistrar.journal.Journal.await;
import static com.tenantregistrar.journal.Journal.changes;
import static com.tenantregistrar.journal.Journal.page;
import static com.tenantregistrar.journal.Journal.uniqueGuid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.correlation.Callers;
import com.tenantregistrar.drift.DesiredStateFile;
import com.tenantregistrar.emulator.Fault;
import com.tenantregistrar.storage.StateStorage;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Every ARM write the functions make is in the change journal, and {@code GET /listChanges} answers it newest first,
 * a page at a time, filtered; a mistake in its query is a 400; the timer run deletes the expired months.
 */
@QuarkusTest
class ListChangesTest extends EmulatedArmTest {

    @Inject
    StateStorage storage;

    @Test
    void aRegistrationIsJournaledOncePerRegistrationWithTheCallersCorrelationIdAndArmsRequestId() {
        String subscription = uniqueGuid();
        String tenant = uniqueGuid();
        json(registerBody(subscription, tenant)).header("x-ms-correlation-request-id", "journal-test-1")
                .post("/registerCustomer").then().statusCode(200);

        List<Map<String, Object>> changes = await("customerSubscriptionId=" + subscription, c -> c.size() == 2);
        assertEquals(List.of("east", "west"), changes.stream().map(c -> c.get("registration")).sorted().toList());
        for (Map<String, Object> change : changes) {
            assertEquals("register", change.get("action"));
            assertEquals(subscription, change.get("customerSubscriptionId"));
            assertEquals(tenant, change.get("tenantId"));
            assertEquals("function", change.get("trigger"));
            assertEquals("functionKey", change.get("caller"));
            assertEquals("journal-test-1", change.get("correlationId"));
            assertEquals("registered", change.get("outcome"));
            assertNotNull(change.get("armRequestId"));
            assertTrue(Instant.parse((String) change.get("time")).isBefore(Instant.now().plusSeconds(1)));
        }
    }

    @Test
    void aRemovalAndAFailedWriteAreJournaledWithTheirOutcome() {
        String subscription = uniqueGuid();
        arm.seed(east(), subscription, TENANT);
        json(removeBody(subscription, "east")).post("/removeCustomer").then().statusCode(200);
        arm.inject(Fault.error("PUT", subscription, 403, "AuthorizationFailed", 1));
        json(registerBody(subscription, TENANT, "east")).post("/registerCustomer").then().statusCode(403);

        List<Map<String, Object>> changes = await("customerSubscriptionId=" + subscription, c -> c.size() == 2);
        // newest first
        assertEquals("register", changes.get(0).get("action"));
        assertEquals("failed", changes.get(0).get("outcome"));
        assertEquals("AuthorizationFailed", changes.get(0).get("error"));
        assertEquals("remove", changes.get(1).get("action"));
        assertEquals("removed", changes.get(1).get("outcome"));
        assertNull(changes.get(1).get("tenantId"));
        assertEquals(TENANT, changes.get(1).get("previousTenantId"), "the tenant removed, read before the DELETE");
    }

    @Test
    void aRemovalIsFoundByTheTenantItRemovedAndOneThatCouldNotBeReadFirstStillHappens() {
        String tenant = uniqueGuid();
        String read = uniqueGuid();
        String unread = uniqueGuid();
        arm.seed(east(), read, tenant);
        arm.seed(west(), unread, tenant);
        json(removeBody(read, "east")).post("/removeCustomer").then().statusCode(200)
                .body("results.status", org.hamcrest.Matchers.contains("removed"));
        arm.inject(Fault.error("GET", unread, 403, "AuthorizationFailed", 1));
        json(removeBody(unread, "west")).post("/removeCustomer").then().statusCode(200)
                .body("results.status", org.hamcrest.Matchers.contains("removed"));

        await("customerSubscriptionId=" + unread, c -> c.size() == 1);
        List<Map<String, Object>> byTenant = changes("tenantId=" + tenant);
        assertEquals(List.of(read), byTenant.stream().map(c -> c.get("customerSubscriptionId")).toList(),
                "listChanges?tenantId= finds the removal whose tenant was read first");
        assertNull(changes("customerSubscriptionId=" + unread).get(0).get("previousTenantId"));
        assertTrue(!arm.customersOf(east()).containsKey(read) && !arm.customersOf(west()).containsKey(unread),
                "both removed");
    }

    @Test
    void aReplaceIsFoundByTheSubscriptionItUnmappedAsWellAsByTheOneItPut() {
        String tenant = uniqueGuid();
        String unmapped = uniqueGuid();
        String put = uniqueGuid();
        arm.seed(east(), unmapped, tenant);
        json("{\"customerSubscriptionId\":\"" + put + "\",\"tenantId\":\"" + tenant
                + "\",\"registrations\":[\"east\"],\"replace\":true}").post("/registerCustomer")
                .then().statusCode(200);

        Map<String, Object> replace = await("customerSubscriptionId=" + unmapped, c -> c.size() == 1).get(0);
        assertEquals("replace", replace.get("action"));
        assertEquals(put, replace.get("customerSubscriptionId"));
        assertEquals(unmapped, replace.get("previousSubscriptionId"));
        assertEquals(List.of(replace), changes("customerSubscriptionId=" + put));
    }

    @Test
    void pagesFollowNextLinkNewestFirstUntilTheLastPageWhoseNextLinkIsNull() {
        String tenant = uniqueGuid();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String subscription = uniqueGuid();
            // A registration holds one subscription per tenant: each replaces the one before.
            json("{\"customerSubscriptionId\":\"" + subscription + "\",\"tenantId\":\"" + tenant
                    + "\",\"registrations\":[\"east\"],\"replace\":true}").post("/registerCustomer")
                    .then().statusCode(200);
            written.add(0, subscription);
        }
        await("tenantId=" + tenant, c -> c.size() == 5);

        List<String> seen = new ArrayList<>();
        JsonPath page = page("tenantId=" + tenant + "&top=2");
        int pages = 1;
        while (true) {
            seen.addAll(page.getList("changes.customerSubscriptionId"));
            String next = page.getString("nextLink");
            if (next == null) {
                break;
            }
            URI link = URI.create(next);
            assertTrue(link.isAbsolute(), next);
            assertEquals("/listChanges", link.getPath());
            assertTrue(link.getQuery().contains("tenantId=" + tenant), next);
            page = given().get(link.getPath() + "?" + link.getRawQuery()).then().statusCode(200).extract().jsonPath();
            pages++;
        }
        assertEquals(written, seen);
        assertEquals(3, pages);
    }

    @Test
    void filtersByRegistrationTenantAndSince() {
        String tenant = uniqueGuid();
        String subscription = uniqueGuid();
        json(registerBody(subscription, tenant)).post("/registerCustomer").then().statusCode(200);
        await("tenantId=" + tenant, c -> c.size() == 2);

        assertEquals(List.of("west"), changes("tenantId=" + tenant + "&registration=WEST").stream()
                .map(c -> c.get("registration")).toList());
        assertEquals(2, changes("customerSubscriptionId=" + subscription.toUpperCase() + "&since=2020-01-01").size());
        assertEquals(0, changes("tenantId=" + tenant + "&since=" + Instant.now().plusSeconds(3600)).size());
    }

    @Test
    void withoutAppServiceAuthenticationPrincipalHeadersAreIgnoredAndTheCallerIsTheFunctionKey() {
        String subscription = uniqueGuid();
        // Anyone who reaches the app's own port can send them; here nothing vouches for them.
        json(registerBody(subscription, TENANT, "east")).header("X-MS-CLIENT-PRINCIPAL-NAME", "admin@contoso.com")
                .header("X-MS-CLIENT-PRINCIPAL-ID", uniqueGuid()).post("/registerCustomer").then().statusCode(200);

        Map<String, Object> change = await("customerSubscriptionId=" + subscription, c -> c.size() == 1).get(0);
        assertEquals("functionKey", change.get("caller"));
    }

    @Test
    void theCallerFilterMatchesOneQuotedValueExactlyAndItsNextLinkRepeatsIt() {
        String subscription = uniqueGuid();
        json(registerBody(subscription, TENANT)).post("/registerCustomer").then().statusCode(200);
        String only = "customerSubscriptionId=" + subscription + "&caller=";
        await(only + "functionKey", c -> c.size() == 2);

        assertEquals(0, changes(only + "timer").size());
        assertEquals(0, changes(only + "FunctionKey").size(), "exact: case counts");
        assertEquals(0, changes(only + "x' or caller ne 'x").size(), "the value is quoted, never part of the filter");
        String next = page(only + "functionKey&top=1").getString("nextLink");
        assertTrue(URI.create(next).getQuery().contains("caller=functionKey"), next);
    }

    @Test
    void aMistakeInTheQueryIsA400ThatNamesIt() {
        String[][] mistakes = {
            {"customerSubscriptionId=x", "'customerSubscriptionId' must be a GUID"},
            {"tenantId=1234", "'tenantId' must be a GUID"},
            {"registration=north", "'registration' must be one of the configured registrations (east, west)"},
            {"since=yesterday", "'since' must be an ISO-8601 time"},
            {"top=0", "'top' must be a whole number from 1 to 1000"},
            {"caller=", "'caller' must be a caller as listChanges answers it"},
            {"caller=function\tKey", "without control characters"},
            {"caller=" + "x".repeat(Callers.MAX_LENGTH + 1), "at most " + Callers.MAX_LENGTH + " characters"},
            {"subscription=" + SUBSCRIPTION, "listChanges has no query parameter 'subscription'"},
            {"continuation=bm90LW91cnM", "'continuation' is not one listChanges handed out"},
            {"continuation=%%%", "'continuation' is not one listChanges handed out"},
        };
        for (String[] mistake : mistakes) {
            given().get("/listChanges?" + mistake[0]).then().statusCode(400)
                    .body("error.code", equalTo("InvalidRequest"))
                    .body("error.message", containsString(mistake[1]));
        }
    }

    @Test
    void theTimerRunDeletesTheMonthsWhollyBeforeTheRetention() throws Exception {
        String tenant = uniqueGuid();
        String expired = uniqueGuid();
        String kept = uniqueGuid();
        Instant now = Instant.now();
        storage.table(ChangeJournal.TABLE).createEntity(change(now.minus(Duration.ofDays(460)), expired, tenant).toEntity());
        storage.table(ChangeJournal.TABLE).createEntity(change(now.minus(Duration.ofDays(330)), kept, tenant).toEntity());
        assertEquals(2, changes("tenantId=" + tenant).size());

        DesiredStateFile.write("{\"customers\": []}");
        given().contentType(ContentType.JSON).body(new String(getClass().getResourceAsStream(
                "/functions-custom-handler/timer-request.json").readAllBytes(), StandardCharsets.UTF_8))
                .post("/driftCheck");

        assertEquals(List.of(kept), await("tenantId=" + tenant, c -> c.size() == 1).stream()
                .map(c -> c.get("customerSubscriptionId")).toList());
    }

    private static Change change(Instant time, String subscription, String tenant) {
        return new Change(time.truncatedTo(ChronoUnit.MILLIS).toString(), "register", "east", subscription, tenant,
                null, null, "function", "functionKey", "retention-test", "registered", null, null, null, null);
    }

    private static JsonPath stateStorageHealth() {
        return given().get("/q/health/ready").then().statusCode(200).extract().jsonPath()
                .setRootPath("checks.find { it.name == 'state-storage' }");
    }

    @Test
    void theHealthDetailsCountTheStoredRecords() {
        int storedBefore = stateStorageHealth().getInt("data.journalStored");
        String subscription = uniqueGuid();
        json(registerBody(subscription, TENANT, "east")).post("/registerCustomer").then().statusCode(200);

        // The record shows in listChanges a moment before the journal's thread counts it.
        Journal.until("the stored record is counted",
                () -> stateStorageHealth().getInt("data.journalStored") > storedBefore);
        JsonPath health = stateStorageHealth();
        assertEquals("UP", health.getString("status"));
        assertEquals(true, health.getBoolean("data.configured"));
        assertEquals(1, changes("customerSubscriptionId=" + subscription).size());
    }
}
