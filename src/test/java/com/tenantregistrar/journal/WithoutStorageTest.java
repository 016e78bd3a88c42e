package com.tenantregistrar.journal;

import static com.tenantregistrar.drift.DesiredStateFile.customer;
import static com.tenantregistrar.drift.DesiredStateFile.manifest;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.drift.DesiredStateFile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Without a storage account the app runs as before: writes answer as always, {@code listChanges} is 503
 * {@code StateStorageNotConfigured} (after its query is checked, so a mistake is still a 400), and the drift report
 * has no {@code since}.
 */
@QuarkusTest
@TestProfile(WithoutStorageTest.NoStorage.class)
class WithoutStorageTest extends EmulatedArmTest {

    /** The profile's override wins over the test run's AzureWebJobsStorage. */
    public static class NoStorage implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("registrar.storage.connection-string", "");
        }
    }

    @Test
    void writesAnswerAsBeforeAndListChangesIs503NotConfigured() {
        json(registerBody(SUBSCRIPTION, TENANT, "east")).post("/registerCustomer").then().statusCode(200)
                .body("results.status", contains("registered"));
        given().get("/listChanges").then().statusCode(503).body("error.code", equalTo("StateStorageNotConfigured"));
        given().get("/listChanges?tenantId=x").then().statusCode(400).body("error.code", equalTo("InvalidRequest"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'state-storage' }.data.configured", equalTo(false));
    }

    @Test
    void theDriftReportHasNoSince() {
        DesiredStateFile.write(manifest(customer(SUBSCRIPTION, TENANT, "east")));
        given().post("/checkDrift").then().statusCode(200)
                .body("missing.customerSubscriptionId", contains(SUBSCRIPTION))
                .body("missing[0]", not(hasKey("since")));
    }
}
