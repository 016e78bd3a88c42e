package com.tenantregistrar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.emulator.Azurite;
import com.tenantregistrar.emulator.EmulatorState.TokenRequest;
import com.tenantregistrar.emulator.IdentityEmulator;

/**
 * The packaged app reaching its storage account by identity, as deploy/azuredeploy.json sets it up: environment
 * variables {@code AzureWebJobsStorage__blobServiceUri}, {@code __tableServiceUri}, {@code __queueServiceUri} (the
 * host's, which the app leaves alone) and {@code __clientId}, no {@code AzureWebJobsStorage}; the account an Azurite
 * with OAuth over HTTPS, which takes only tokens of Entra's issuer for storage's audience. (With
 * {@code __accountName} the app reaches {@code https://<account>.blob.core.windows.net} and its table twin, which
 * no test can point at a loopback Azurite; the URIs are the same clients with other endpoints.)
 */
class StorageIdentityIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CLIENT_ID = "3c2b1a09-8f7e-4d6c-b5a4-938271605f4e";

    private static AzureBeside azure;
    private static Azurite azurite;

    @BeforeAll
    static void start() throws Exception {
        azure = AzureBeside.start();
        azurite = azure.startAzuriteWithOAuth();
    }

    @AfterAll
    static void stop() throws Exception {
        if (azurite != null) {
            azurite.close();
        }
        if (azure != null) {
            azure.close();
        }
    }

    /** The environment of an app with only these storage settings (name, value, ...). */
    private static Map<String, String> byIdentity(String... storage) {
        Map<String, String> environment = azure.environment(storage);
        environment.remove("AzureWebJobsStorage");
        return environment;
    }

    @Test
    void theJournalIsWrittenAndReadWithTheUserAssignedIdentity() throws Exception {
        try (PackagedApp app = PackagedApp.start("storage-identity", byIdentity(
                "AzureWebJobsStorage__blobServiceUri", azurite.blobServiceUri(),
                "AzureWebJobsStorage__tableServiceUri", azurite.tableServiceUri(),
                "AzureWebJobsStorage__queueServiceUri", azurite.queueServiceUri(),
                "AzureWebJobsStorage__clientId", CLIENT_ID))) {
            String subscription = UUID.randomUUID().toString();
            HttpResponse<String> registered = app.post("/registerCustomer", customer(subscription));
            assertEquals(200, registered.statusCode(), registered.body());

            JsonNode changes = MAPPER.nullNode();
            for (int i = 0; i < 300 && changes.size() == 0; i++) {
                Thread.sleep(100);
                HttpResponse<String> listed = app.get("/listChanges?customerSubscriptionId=" + subscription);
                assertEquals(200, listed.statusCode(), listed.body());
                changes = MAPPER.readTree(listed.body()).path("changes");
            }
            assertEquals(1, changes.size(), changes.toString());
            assertEquals("register", changes.get(0).path("action").asText());
            assertEquals("north", changes.get(0).path("registration").asText());

            List<String> storageTokens = azure.state().tokenRequestLog().stream()
                    .filter(request -> IdentityEmulator.sameResource(request.resource(),
                            IdentityEmulator.STORAGE_RESOURCE))
                    .map(TokenRequest::clientId).distinct().toList();
            assertEquals(List.of(CLIENT_ID), storageTokens, "the storage token is AzureWebJobsStorage__clientId's");
            String output = app.output();
            assertTrue(output.contains("State storage: AzureWebJobsStorage__* (managed identity)"), output);
            assertFalse(output.contains(" WARN ") || output.contains(" ERROR "), output);
            assertFalse(output.contains("queueServiceUri"), "the host's queue setting is not the app's: " + output);
        }
    }

    @Test
    void halfAnIdentityConnectionIsSaidAtStartAndInThe503() throws Exception {
        try (PackagedApp app = PackagedApp.start("storage-identity-half", byIdentity(
                "AzureWebJobsStorage__blobServiceUri", azurite.blobServiceUri(),
                "AzureWebJobsStorage__queueServiceUri", azurite.queueServiceUri()))) {
            String missing = "AzureWebJobsStorage__blobServiceUri is set without AzureWebJobsStorage__tableServiceUri";
            String output = app.output();
            assertTrue(output.lines().anyMatch(line -> line.contains(" WARN ")
                    && line.contains("State storage is off (" + missing)), output);

            HttpResponse<String> listed = app.get("/listChanges");
            assertEquals(503, listed.statusCode(), listed.body());
            JsonNode error = MAPPER.readTree(listed.body()).path("error");
            assertEquals("StateStorageNotConfigured", error.path("code").asText());
            assertTrue(error.path("message").asText().contains(missing), listed.body());

            HttpResponse<String> registered = app.post("/registerCustomer", customer(UUID.randomUUID().toString()));
            assertEquals(200, registered.statusCode(), "billing does not need the storage: " + registered.body());
        }
    }

    /** A registration on north of the subscription with a tenant of its own (a registration holds one per tenant). */
    private static String customer(String subscription) {
        return "{\"customerSubscriptionId\": \"" + subscription + "\", \"tenantId\": \"" + UUID.randomUUID()
                + "\", \"registrations\": [\"north\"]}";
    }
}
