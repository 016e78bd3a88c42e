package com.tenantregistrar.storage;

import static com.tenantregistrar.drift.DesiredStateFile.manifest;
import static com.tenantregistrar.journal.Journal.await;
import static com.tenantregistrar.journal.Journal.uniqueGuid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.drift.DesiredStateFile;
import com.tenantregistrar.drift.WithPartnerCenter;
import com.tenantregistrar.emulator.EmulatorState.TokenRequest;
import com.tenantregistrar.emulator.IdentityEmulator;
import com.tenantregistrar.emulator.PartnerCenterState;
import com.tenantregistrar.partnercenter.WalkStorage;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The identity-based storage connection, the production one: the app has no connection string, only
 * AzureWebJobsStorage__blobServiceUri and __tableServiceUri of an Azurite that takes bearer tokens over HTTPS and
 * checks their issuer, audience and lifetime, and AzureWebJobsStorage__clientId. Its journal, the drift check's
 * memory (tables) and the Partner Center walk (blobs) are written and read with the managed identity's token.
 */
@QuarkusTest
@TestProfile(IdentityStorageTest.ByIdentity.class)
class IdentityStorageTest extends EmulatedArmTest {

    /** The user-assigned identity the app reaches its storage with (no other test asks tokens for it). */
    static final String CLIENT_ID = "6f1c9d2e-3b4a-4c5d-8e7f-0a1b2c3d4e5f";

    /** Storage by identity only, and Partner Center on, so that the drift check walks it. */
    public static class ByIdentity implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> settings = new HashMap<>(WithPartnerCenter.connection());
            settings.put("registrar.storage.connection-string", "");
            settings.put("AzureWebJobsStorage__clientId", CLIENT_ID);
            return settings;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OAuthAzuriteResource.class));
        }
    }

    @Inject
    PartnerCenterState partnerCenter;

    /** The identities that asked a storage token, since the app started. */
    private List<String> storageTokenClients() {
        return arm.tokenRequestLog().stream()
                .filter(request -> IdentityEmulator.sameResource(request.resource(), IdentityEmulator.STORAGE_RESOURCE))
                .map(TokenRequest::clientId).distinct().toList();
    }

    @Test
    void theJournalIsWrittenAndReadWithTheManagedIdentitysToken() {
        String subscription = uniqueGuid();
        json(registerBody(subscription, TENANT, "east")).post("/registerCustomer").then().statusCode(200);

        Map<String, Object> record = await("customerSubscriptionId=" + subscription, c -> c.size() == 1).get(0);
        assertEquals("register", record.get("action"));
        assertEquals("registered", record.get("outcome"));
        assertEquals(List.of(CLIENT_ID), storageTokenClients(), "the storage token is the user-assigned identity's");
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'state-storage' }.data.configured", equalTo(true))
                .body("checks.find { it.name == 'state-storage' }.data.journalNotStored", equalTo(0));
    }

    @Test
    void theDriftCheckRemembersSinceAndSavesItsPartnerCenterWalk() {
        partnerCenter.reset();
        DesiredStateFile.write(manifest());
        String customer = uniqueGuid();
        String plan = uniqueGuid();
        String azure = uniqueGuid();
        partnerCenter.addCustomer(customer, "Contoso").addSubscription(customer, plan,
                PartnerCenterState.AZURE_PLAN_OFFER, "active").addAzureEntitlement(customer, plan, azure, "active");

        JsonPath first = given().post("/checkDrift").then().statusCode(200)
                .body("partnerCenter.complete", equalTo(true)).extract().jsonPath();
        String since = first.getString("missing.find { it.registration == 'east' && it.customerSubscriptionId == '"
                + azure + "' }.since");
        assertNotNull(since, "a missing customer has its 'since': " + first.prettify());
        assertTrue(storage.container(WalkStorage.CONTAINER).getBlobClient(WalkStorage.STATE).exists(),
                "the walk is saved in the blob container");

        String again = given().post("/checkDrift").then().statusCode(200).extract().jsonPath()
                .getString("missing.find { it.registration == 'east' && it.customerSubscriptionId == '" + azure
                        + "' }.since");
        assertEquals(since, again, "read back from the table");
        assertEquals(List.of(CLIENT_ID), storageTokenClients(), "one token, the user-assigned identity's");
    }
}
