package com.tenantregistrar.storage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.tenantregistrar.LogCapture;
import com.tenantregistrar.emulator.EmulatorState;
import com.tenantregistrar.emulator.IdentityEmulator;
import com.tenantregistrar.journal.Journal;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A storage account that refuses the managed identity's token (here one for the wrong audience, which Azurite
 * answers 403 AuthenticationFailed): billing goes on, the journal's record is logged as not stored and counted, and
 * {@code listChanges} is a 503 {@code StateStorageUnavailable} that says the credential was refused, after one token
 * and no retry of the 403; no log line holds the token.
 */
@QuarkusTest
@TestProfile(IdentityRefusedTest.ByIdentity.class)
class IdentityRefusedTest {

    /** An identity no other test asks a storage token for: the one the app gets is the refused one. */
    static final String CLIENT_ID = "0e9d8c7b-6a5f-4e3d-9c2b-1a0f9e8d7c6b";

    /** Storage by identity only, the app's first storage token refused. */
    public static class ByIdentity implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("registrar.storage.connection-string", "", "AzureWebJobsStorage__clientId", CLIENT_ID);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OAuthAzuriteResource.class));
        }
    }

    @RegisterExtension
    LogCapture log = new LogCapture();

    @Inject
    EmulatorState arm;

    @Test
    void aRefusedTokenIsA503ThatSaysSoAndNoLogHoldsTheToken() {
        // The app has not touched its storage yet (no test base clears it first), so its first token is this one.
        arm.storageTokenAudience("https://management.azure.com/");
        try {
            given().contentType(ContentType.JSON).body("{\"customerSubscriptionId\":\"" + Journal.uniqueGuid()
                    + "\",\"tenantId\":\"dbab3982-796f-4d03-9908-044c08aef8a2\",\"registrations\":[\"east\"]}")
                    .post("/registerCustomer").then().statusCode(200);
            Journal.until("the record is logged as not stored", () -> log.atLeast(Level.WARNING).stream()
                    .anyMatch(line -> line.message().contains("Change journal: a record was not stored")));
            assertTrue(log.atLeast(Level.WARNING).stream().anyMatch(line -> line.message()
                    .contains("not stored (the storage account answered 403 AuthenticationFailed)")),
                    log.lines().toString());
            given().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'state-storage' }.data.journalNotStored", equalTo(1));

            given().get("/listChanges").then().statusCode(503)
                    .header("Retry-After", "30")
                    .body("error.code", equalTo("StateStorageUnavailable"))
                    .body("error.message", containsString("refused the app's credential"));

            List<String> storageTokens = arm.tokenRequestLog().stream()
                    .filter(r -> IdentityEmulator.sameResource(r.resource(), IdentityEmulator.STORAGE_RESOURCE))
                    .map(EmulatorState.TokenRequest::clientId)
                    .toList();
            assertEquals(List.of(CLIENT_ID), storageTokens, "one token, cached, and the 403s not retried for another");
            assertFalse(log.lines().stream().anyMatch(line -> line.level().intValue() >= Level.SEVERE.intValue()),
                    "no ERROR: " + log.lines());
            for (String token : arm.issuedTokens()) {
                assertFalse(log.lines().stream().anyMatch(line -> line.text().contains(token)), "a token was logged");
            }
        } finally {
            arm.storageTokenAudience(null);
        }
    }
}
