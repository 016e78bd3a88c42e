package com.tenantregistrar.journal;

import static com.tenantregistrar.drift.DesiredStateFile.customer;
import static com.tenantregistrar.drift.DesiredStateFile.manifest;
import static com.tenantregistrar.journal.Journal.await;
import static com.tenantregistrar.journal.Journal.uniqueGuid;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.data.tables.models.TableEntity;
import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.LogCapture;
import com.tenantregistrar.correlation.CorrelationRoute;
import com.tenantregistrar.drift.DesiredStateFile;
import com.tenantregistrar.storage.AzuriteResource;
import com.tenantregistrar.storage.ProxiedStorage;
import com.tenantregistrar.storage.StorageProxy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The storage account throttles (503 ServerBusy, from a proxy in front of Azurite) or another writer changes a row
 * between the app's read and its write: azure-core's policy retries the throttled calls, and a stale ETag is read
 * again, never overwritten blindly.
 */
@QuarkusTest
@TestProfile(ProxiedStorage.Profile.class)
class StorageThrottlingTest extends EmulatedArmTest {

    @RegisterExtension
    LogCapture log = new LogCapture();

    private static StorageProxy proxy() {
        return ProxiedStorage.proxy(StorageProxy.Service.TABLE);
    }

    @Test
    void throttledJournalWritesAreRetriedAndStoredOnce() throws InterruptedException {
        String subscription = uniqueGuid();
        given().get("/listChanges?top=1").then().statusCode(200); // the table exists: the next calls are the record's
        proxy().serverBusy(2);
        String correlationId = uniqueGuid();
        json(registerBody(subscription, TENANT, "east")).header(CorrelationRoute.HEADER, correlationId)
                .post("/registerCustomer").then().statusCode(200);
        // Only the journal's thread calls storage until both 503s are answered (listChanges would, too). A retry's
        // warning is logged after the proxy has answered, so wait for the warnings, not the proxy's count.
        List<LogCapture.Line> retries = retryWarnings();
        for (int i = 0; i < 300 && retries.size() < 2; i++) {
            Thread.sleep(100);
            retries = retryWarnings();
        }
        assertEquals(2, proxy().busyAnswers());
        // The retries' warnings, from the journal's own thread, name the call the record is of.
        assertEquals(2, retries.size(), log.lines().toString());
        assertTrue(retries.stream().allMatch(line -> correlationId.equals(line.correlationId())), retries.toString());

        List<Map<String, Object>> changes = await("customerSubscriptionId=" + subscription, c -> !c.isEmpty());
        assertEquals(1, changes.size());
    }

    private List<LogCapture.Line> retryWarnings() {
        return log.lines().stream().filter(line -> line.message().startsWith("Storage try")).toList();
    }

    @Test
    void aRowChangedBetweenReadAndDeleteIsReadAgainNotDeletedBlindly() {
        String subscription = uniqueGuid();
        DesiredStateFile.write(manifest(customer(subscription, TENANT, "east")));
        given().post("/checkDrift").then().statusCode(200);
        arm.seed(east(), subscription, TENANT); // fixed by hand

        // Another writer changes the row after the app read it, before its conditional delete arrives.
        Instant other = Instant.parse("2020-02-02T02:02:02Z");
        TableClient direct = new TableClientBuilder().connectionString(AzuriteResource.azurite().connectionString())
                .tableName("driftmissing").buildClient();
        proxy().once(request -> request.method().name().equals("DELETE") && request.path().contains(subscription),
                () -> direct.upsertEntity(new TableEntity("east", subscription)
                        .addProperty("since", other.atOffset(ZoneOffset.UTC))));
        JsonPath report = given().post("/checkDrift").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(), report.getList("missing"));

        Map<String, Object> observed = await("customerSubscriptionId=" + subscription, c -> c.size() == 1).get(0);
        assertEquals("observed", observed.get("outcome"));
        assertEquals(other.toString(), observed.get("missingSince"), "the row as read again");
        long deletes = proxy().requests().stream().filter(r -> r.startsWith("DELETE") && r.contains(subscription))
                .count();
        assertTrue(deletes >= 2, "the stale delete, then the one on the new ETag: " + proxy().requests());
    }
}
