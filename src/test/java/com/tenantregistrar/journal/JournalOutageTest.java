package com.tenantregistrar.journal;

import static com.tenantregistrar.journal.Journal.await;
import static com.tenantregistrar.journal.Journal.changes;
import static com.tenantregistrar.journal.Journal.uniqueGuid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.LogCapture;
import com.tenantregistrar.emulator.Azurite;
import com.tenantregistrar.storage.AzuriteResource;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The storage account stops (Azurite stopped) and comes back: billing writes go on answering at once, each record
 * that cannot be stored is logged whole at WARN and counted in the health details, and once storage is back later
 * records are stored, with nothing stored before lost and nothing stored twice.
 */
@QuarkusTest
class JournalOutageTest extends EmulatedArmTest {

    @RegisterExtension
    LogCapture log = new LogCapture();

    private static long notStored() {
        return given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'state-storage' }.status", equalTo("UP"))
                .extract().jsonPath().getLong("checks.find { it.name == 'state-storage' }.data.journalNotStored");
    }

    @Test
    void billingGoesOnWhileStorageIsDownAndWhatCouldNotBeStoredIsLoggedAndCounted() throws Exception {
        String before = uniqueGuid();
        String during = uniqueGuid();
        String after = uniqueGuid();
        json(registerBody(before, uniqueGuid(), "east")).post("/registerCustomer").then().statusCode(200);
        await("customerSubscriptionId=" + before, c -> c.size() == 1);
        long notStoredBefore = notStored();
        // Azurite writes its tables to disk every 5 s (LokiJS autosave), and a stop does not always flush what came
        // after: what is to survive the outage must be on its disk first, as an acknowledged write is in Azure.
        Azurite azurite = AzuriteResource.azurite();
        azurite.awaitSavedEntity(before);
        azurite.stop();
        try {
            json(registerBody(during, uniqueGuid(), "east")).header("x-ms-correlation-request-id", "outage-1")
                    .post("/registerCustomer").then().statusCode(200).body("results.status", contains("registered"));
            Journal.until("the record is logged as not stored", () -> log.atLeast(Level.WARNING).stream()
                    .anyMatch(line -> line.message().contains("Change journal: a record was not stored")));
            String warning = log.atLeast(Level.WARNING).stream()
                    .filter(line -> line.message().contains("Change journal")).findFirst().orElseThrow().message();
            assertTrue(warning.contains("\"customerSubscriptionId\":\"" + during + "\""), warning);
            assertTrue(warning.contains("\"correlationId\":\"outage-1\""), warning);
            assertTrue(warning.contains("\"action\":\"register\"") && warning.contains("\"outcome\":\"registered\""),
                    warning);
            assertTrue(warning.contains("\"armRequestId\":"), warning);
            assertEquals(notStoredBefore + 1, notStored());
            assertTrue(log.lines().stream().noneMatch(line -> line.message().contains("AccountKey")));

            given().get("/listChanges").then().statusCode(503).body("error.code", equalTo("StateStorageUnavailable"));
        } finally {
            azurite.restart();
        }

        json(registerBody(after, uniqueGuid(), "east")).post("/registerCustomer").then().statusCode(200);
        await("customerSubscriptionId=" + after, c -> c.size() == 1);
        assertEquals(1, changes("customerSubscriptionId=" + before).size(), "stored before: kept, once");
        assertEquals(List.of(), changes("customerSubscriptionId=" + during));
    }
}
