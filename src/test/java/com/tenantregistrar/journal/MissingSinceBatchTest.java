package com.tenantregistrar.journal;

import static com.tenantregistrar.drift.DesiredStateFile.customer;
import static com.tenantregistrar.drift.DesiredStateFile.manifest;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.drift.DesiredStateFile;
import com.tenantregistrar.storage.ProxiedStorage;
import com.tenantregistrar.storage.StorageProxy;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Thousands of missing entries are remembered in table transactions, not a row at a time: counted at a proxy in
 * front of Azurite.
 */
@QuarkusTest
@TestProfile(ProxiedStorage.Profile.class)
class MissingSinceBatchTest extends EmulatedArmTest {

    @Test
    void manyMissingEntriesAreOpenedInFewStorageCallsAndEachHasItsSince() {
        List<String> subscriptions = IntStream.range(0, 250).mapToObj(i -> Journal.uniqueGuid()).toList();
        // One tenant each (a registration holds one subscription per tenant), on east: 250 missing entries.
        DesiredStateFile.write(manifest(subscriptions.stream().map(s -> customer(s, Journal.uniqueGuid(), "east"))
                .toArray(String[]::new)));
        StorageProxy tables = ProxiedStorage.proxy(StorageProxy.Service.TABLE);
        int before = tables.requests().size();

        JsonPath report = given().post("/checkDrift").then().statusCode(200).extract().jsonPath();

        List<Map<String, Object>> missing = report.getList("missing");
        assertEquals(250, missing.size());
        assertTrue(missing.stream().allMatch(m -> m.get("since") != null), "each has its since");
        long batches = tables.requests().subList(before, tables.requests().size()).stream()
                .filter(r -> r.startsWith("POST ") && r.contains("$batch")).count();
        assertEquals(3, batches, "250 rows in transactions of at most 100: " + tables.requests().subList(before,
                tables.requests().size()));
        assertTrue(tables.requests().size() - before < 20, "a few storage calls, not one per row");
    }
}
