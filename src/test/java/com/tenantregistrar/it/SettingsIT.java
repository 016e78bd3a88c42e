package com.tenantregistrar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.data.tables.models.TableEntity;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.emulator.EmulatorState;
import com.tenantregistrar.emulator.EmulatorState.ArmRequest;
import com.tenantregistrar.emulator.Fault;
import com.tenantregistrar.emulator.IngestionStandIn;
import com.tenantregistrar.emulator.PartnerCenterState;
import com.tenantregistrar.journal.Change;
import com.tenantregistrar.journal.Journal;
import com.tenantregistrar.journal.UnexpectedEntries;
import com.tenantregistrar.partnercenter.CustomerAzureSubscriptions;
import com.tenantregistrar.partnercenter.WalkStorage;
import com.tenantregistrar.registration.Registration;
import com.tenantregistrar.telemetry.MetricNames;

import io.vertx.core.Vertx;

/**
 * Each setting reaches the packaged app as the environment variable docs/configuration.md names, started as the Functions
 * host starts it ({@link PackagedApp}): every test shows a setting's effect, which its default would not have.
 * Settings are grouped per started app to keep this fast; to cover a new setting, add it to a group's environment
 * (or start a group of its own) and add one test that shows what it changes.
 */
class SettingsIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String S1 = "e09a4e93-29a7-4eba-a6d4-76202383f07f";
    private static final String T1 = "dbab3982-796f-4d03-9908-044c08aef8a2";
    private static final String S2 = "0b3c9a7e-1f2d-4c5b-8a6e-9d0f1e2a3b4c";
    private static final String T2 = "7c1f8e2d-3b4a-4c5d-9e6f-a0b1c2d3e4f5";
    /** A relative REGISTRAR_DESIRED_STATE: a file of the function-app folder, whatever the launcher's cd. */
    private static final String MANIFEST = "settings-it-desired-state.json";

    private static AzureBeside azure;
    /** An Azure of its own: the call the short timeout gives up on is still answered, or retried, after its test. */
    private static AzureBeside shortTimeoutAzure;
    /** Settings that change how ARM is called, and the drift check's, in one app. */
    private static PackagedApp tuned;
    /** REGISTRAR_ARM_TIMEOUT alone, since the tuned app's shorter response timeout would end a call first. */
    private static PackagedApp shortTimeout;
    /** Partner Center read with a client secret, one request at a time; and the webhook's settings. */
    private static PackagedApp partnerCenterSecret;
    /** Partner Center read with the managed identity's federated token (the default), within a short budget. */
    private static PackagedApp partnerCenterFederated;
    /**
     * The reconcile run's write cap and deadline, on a manifest of its own; App Service Authentication on; telemetry
     * sent to {@link #ingestion}.
     */
    private static PackagedApp capped;
    /** The Application Insights ingestion endpoint of capped's APPLICATIONINSIGHTS_CONNECTION_STRING. */
    private static IngestionStandIn ingestion;
    private static Vertx ingestionVertx;
    private static final String CAPPED_MANIFEST = "settings-it-capped-desired-state.json";
    /** An Azure of their own for the two apps below, which share its storage: the walk, the journal, the budget. */
    private static AzureBeside agingAzure;
    /** Partner Center read by a reconciling timer; the walk's maximum age and the journal's retention by default. */
    private static PackagedApp agingDefaults;
    /**
     * The same with REGISTRAR_PARTNER_CENTER_MAX_AGE=1h, REGISTRAR_JOURNAL_RETENTION=1d,
     * REGISTRAR_DRIFT_REMOVAL_GRACE=1h and REGISTRAR_PARTNER_CENTER_MAX_SHRINK=60%.
     */
    private static PackagedApp agingShort;
    private static String[] agingDefaultsEnvironment;

    private EmulatorState arm;
    private String subscription;

    @BeforeAll
    static void start() throws Exception {
        azure = AzureBeside.start();
        Files.writeString(PackagedApp.FOLDER.resolve(MANIFEST), "{\"customers\": []}");
        tuned = PackagedApp.start("settings-tuned", azure.environment(
                "REGISTRAR_API_VERSION", "2022-06-01",
                "REGISTRAR_ARM_RETRY_MAX_RETRIES", "1",
                "REGISTRAR_ARM_RETRY_BASE_DELAY", "10ms",
                "REGISTRAR_ARM_RETRY_MAX_DELAY", "20ms",
                "REGISTRAR_ARM_RETRY_MAX_RETRY_AFTER", "1s",
                "REGISTRAR_ARM_RESPONSE_TIMEOUT", "1s",
                "REGISTRAR_ARM_MAX_CONCURRENCY", "1",
                "REGISTRAR_DESIRED_STATE", MANIFEST,
                "REGISTRAR_DRIFT_MODE", "reconcile",
                "REGISTRAR_DRIFT_MAX_REMOVALS", "1",
                "REGISTRAR_DRIFT_REMOVAL_GRACE", "0"));
        // Its first call loads the Azure SDK and gets a token: warm it, so that its 1s response timeout and the
        // calls its tests count are those of a started app (a report reads the registrations, writes nothing).
        tuned.post("/checkDrift", "{}");
        Files.writeString(PackagedApp.FOLDER.resolve(CAPPED_MANIFEST), "{\"customers\": []}");
        ingestionVertx = Vertx.vertx();
        ingestion = IngestionStandIn.start(ingestionVertx);
        capped = PackagedApp.start("settings-capped", azure.environment(
                "REGISTRAR_DESIRED_STATE", CAPPED_MANIFEST,
                "REGISTRAR_DRIFT_MODE", "reconcile",
                "REGISTRAR_DRIFT_MAX_WRITES", "2",
                "REGISTRAR_DRIFT_DEADLINE", "5s",
                // One request at a time, so that the deadline falls between two writes.
                "REGISTRAR_ARM_MAX_CONCURRENCY", "1",
                "WEBSITE_AUTH_ENABLED", "True",
                "APPLICATIONINSIGHTS_CONNECTION_STRING", ingestion.connectionString(),
                "QUARKUS_OTEL_METRIC_EXPORT_INTERVAL", "1s",
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms"));
        // The first call of an app loads the Azure SDK and gets a token: warm it, so that 5s measure the run alone.
        capped.post("/checkDrift", "{}");
        // The webhook's settings too: auto-register finds the Azure subscriptions of an event in Partner Center.
        partnerCenterSecret = PackagedApp.start("settings-partner-center-secret", azure.environment(
                with(azure.partnerCenterConnection("client-secret"), "REGISTRAR_PARTNER_CENTER_MAX_CONCURRENCY", "1",
                        "REGISTRAR_WEBHOOK_CERT_URL_PREFIXES", azure.armEndpoint() + "cert/",
                        "REGISTRAR_WEBHOOK_CERT_ORGANIZATION", "Contoso Ltd",
                        "REGISTRAR_WEBHOOK_AUTO_REGISTER", "true",
                        "REGISTRAR_WEBHOOK_CERT_CACHE_TTL", "1ms",
                        "REGISTRAR_WEBHOOK_MAX_EVENT_AGE", "1h")));
        partnerCenterFederated = PackagedApp.start("settings-partner-center-federated", azure.environment(
                with(azure.partnerCenterConnection("managed-identity"), "REGISTRAR_PARTNER_CENTER_BUDGET", "3s")));
        // Its first walk gets both tokens and loads the SDK: warm it, so that 3s measure a walk alone.
        partnerCenterFederated.post("/checkDrift", "{}");
        agingAzure = AzureBeside.start();
        String[] reconcilingPartnerCenter = with(agingAzure.partnerCenterConnection("client-secret"),
                "REGISTRAR_DRIFT_MODE", "reconcile", "REGISTRAR_DRIFT_MAX_REMOVALS", "5");
        agingDefaultsEnvironment = reconcilingPartnerCenter;
        agingDefaults = PackagedApp.start("settings-aging-defaults", agingAzure.environment(reconcilingPartnerCenter));
        agingShort = PackagedApp.start("settings-aging-short", agingAzure.environment(with(reconcilingPartnerCenter,
                "REGISTRAR_PARTNER_CENTER_MAX_AGE", "1h", "REGISTRAR_JOURNAL_RETENTION", "1d",
                "REGISTRAR_DRIFT_REMOVAL_GRACE", "1h", "REGISTRAR_PARTNER_CENTER_MAX_SHRINK", "60%")));
        shortTimeoutAzure = AzureBeside.start();
        shortTimeout = PackagedApp.start("settings-short-timeout", shortTimeoutAzure.environment(
                "REGISTRAR_ARM_TIMEOUT", "1s"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] { tuned, shortTimeout, capped, partnerCenterSecret,
                partnerCenterFederated, agingDefaults, agingShort, azure, shortTimeoutAzure, agingAzure, ingestion }) {
            if (closeable != null) {
                closeable.close();
            }
        }
        if (ingestionVertx != null) {
            ingestionVertx.close().toCompletionStage().toCompletableFuture().join();
        }
        Files.deleteIfExists(PackagedApp.FOLDER.resolve(MANIFEST));
        Files.deleteIfExists(PackagedApp.FOLDER.resolve(CAPPED_MANIFEST));
    }

    @Test
    void applicationInsightsConnectionStringSendsTheCallsAndTheDriftMetricsThere() throws Exception {
        HttpResponse<String> drift = capped.post("/checkDrift", "{}",
                Map.of("x-ms-correlation-request-id", "settings-telemetry-1"));
        assertEquals(200, drift.statusCode(), drift.body());
        Instant until = Instant.now().plusSeconds(60);
        boolean request = false;
        boolean runs = false;
        while (!(request && runs) && Instant.now().isBefore(until)) {
            Thread.sleep(200);
            for (JsonNode item : ingestion.items()) {
                JsonNode data = item.path("data");
                request |= "RequestData".equals(data.path("baseType").asText()) && "settings-telemetry-1".equals(
                        data.path("baseData").path("properties").path(MetricNames.CORRELATION_ID).asText());
                runs |= MetricNames.DRIFT_RUNS.equals(data.path("baseData").path("metrics").path(0).path("name")
                        .asText());
            }
        }
        assertTrue(request, "the call's request, with its correlation ID, reached the ingestion endpoint");
        assertTrue(runs, "the drift run was counted there");
    }

    @BeforeEach
    void reset() throws Exception {
        subscription = UUID.randomUUID().toString();
        arm = azure.state();
        // Until no answer of an earlier test (a try the app gave up on) is still under way here.
        for (int i = 0; i < 100; i++) {
            arm.reset();
            if (arm.peakConcurrentRequests() == 0) {
                break;
            }
            Thread.sleep(100);
        }
        Files.writeString(PackagedApp.FOLDER.resolve(MANIFEST), "{\"customers\": []}");
        Files.writeString(PackagedApp.FOLDER.resolve(CAPPED_MANIFEST), "{\"customers\": []}");
        azure.partnerCenter().reset();
        // Each test's own Partner Center: a walk of an earlier test's partner would make this one look shrunk.
        WalkStorage.clear(new BlobServiceClientBuilder().connectionString(azure.azurite().connectionString())
                .buildClient().getBlobContainerClient(WalkStorage.CONTAINER));
    }

    private static String[] with(String[] settings, String... more) {
        String[] all = java.util.Arrays.copyOf(settings, settings.length + more.length);
        System.arraycopy(more, 0, all, settings.length, more.length);
        return all;
    }

    private Registration north() {
        return azure.registrations().get(0);
    }

    private Registration south() {
        return azure.registrations().get(1);
    }

    /** Registers a subscription of its own for each test, so that counting its calls counts no other test's. */
    private HttpResponse<String> register(PackagedApp app, String... registrations) throws Exception {
        String only = registrations.length == 0 ? ""
                : ", \"registrations\": [\"" + String.join("\", \"", registrations) + "\"]";
        return app.post("/registerCustomer", "{\"customerSubscriptionId\": \"" + subscription + "\", \"tenantId\": \""
                + T1 + "\"" + only + "}");
    }

    /** This test's calls with this method. */
    private List<ArmRequest> calls(String method) {
        return arm.requests().stream().filter(r -> r.method().equals(method) && r.path().contains(subscription))
                .toList();
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return MAPPER.readTree(response.body());
    }

    @Test
    void registrationsEndpointAndAudienceComeFromTheEnvironment() throws Exception {
        HttpResponse<String> answer = register(tuned);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("north", json(answer).at("/results/0/registration").asText());
        assertEquals("south", json(answer).at("/results/1/registration").asText());
        assertEquals(Map.of(subscription, T1), arm.customersOf(north()));
        assertEquals(Map.of(subscription, T1), arm.customersOf(south()));
    }

    @Test
    void apiVersion() throws Exception {
        assertEquals(200, register(tuned).statusCode());
        assertEquals(2, calls("PUT").size());
        calls("PUT").forEach(call -> assertTrue(call.query().contains("api-version=2022-06-01"), call.query()));
    }

    @Test
    void armRetryMaxRetries() throws Exception {
        arm.inject(Fault.error("PUT", "customerSubscriptions", 503, "ServiceUnavailable", -1));
        HttpResponse<String> answer = register(tuned, "north");
        assertEquals(502, answer.statusCode(), answer.body());
        assertEquals(2, calls("PUT").size(), "the first try and one retry, not the default three retries");
    }

    @Test
    void armRetryMaxRetryAfter() throws Exception {
        arm.inject(Fault.throttle("PUT", "customerSubscriptions", 5, 1));
        HttpResponse<String> answer = register(tuned, "north");
        assertEquals(429, answer.statusCode(), answer.body());
        assertEquals("5", answer.headers().firstValue("Retry-After").orElse(""));
        assertEquals(1, calls("PUT").size(), "a Retry-After over 1s is the caller's to wait out, not the app's: " + arm.requests());
    }

    @Test
    void armResponseTimeout() throws Exception {
        arm.inject(Fault.delay("PUT", "customerSubscriptions", Duration.ofSeconds(4), 1));
        HttpResponse<String> answer = register(tuned, "north");
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(2, calls("PUT").size(), "the slow try is given up after 1s and retried");
    }

    @Test
    void armMaxConcurrency() throws Exception {
        arm.inject(Fault.delay("PUT", "customerSubscriptions", Duration.ofMillis(300), 2));
        assertEquals(200, register(tuned).statusCode());
        assertEquals(1, arm.peakConcurrentRequests(), "one ARM request at a time, though two registrations are called: "
                + arm.requests());
    }

    @Test
    void armTimeout() throws Exception {
        shortTimeoutAzure.state().inject(Fault.delay("PUT", "customerSubscriptions", Duration.ofSeconds(8), 1));
        HttpResponse<String> answer = register(shortTimeout, "north");
        assertEquals(504, answer.statusCode(), answer.body());
        assertEquals("UpstreamTimeout", json(answer).at("/error/code").asText());
    }

    @Test
    void desiredStateRelativeToTheFunctionAppFolderDriftModeAndMaxRemovals() throws Exception {
        Files.writeString(PackagedApp.FOLDER.resolve(MANIFEST), "{\"customers\": [{\"customerSubscriptionId\": \""
                + S1 + "\", \"tenantId\": \"" + T1 + "\"}]}");
        arm.seed(north(), S2, T2);
        HttpResponse<String> answer = timer(tuned);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(Map.of(S1, T1), arm.customersOf(north()),
                "registered from the manifest; the unexpected one removed at once (REGISTRAR_DRIFT_REMOVAL_GRACE=0)");
        assertEquals(Map.of(S1, T1), arm.customersOf(south()));
    }

    @Test
    void webhookCertUrlPrefixes() throws Exception {
        String certificate = azure.armEndpoint() + "cert/settings-it.cer";
        HttpResponse<String> answer = partnerCenterSecret.post("/partnerCenterWebhook", "{\"EventName\": \"test-created\"}", Map.of(
                "Authorization", "Signature c2lnbmF0dXJl",
                "X-MS-Signature-Algorithm", "rsa-sha256",
                "X-MS-Certificate-Url", certificate));
        assertEquals(401, answer.statusCode(), answer.body());
        assertEquals(List.of("/cert/settings-it.cer"), arm.blobRequests(),
                "a certificate URL under the configured prefix is fetched (none is, under the default)");
    }

    @Test
    void aRelativeDesiredStateIsReadFromTheFunctionAppFolder() throws Exception {
        assertTrue(Files.notExists(PackagedApp.FOLDER.resolve("quarkus-app").resolve(MANIFEST)),
                "the launcher's working folder (quarkus-app) holds no manifest");
        Files.writeString(PackagedApp.FOLDER.resolve(MANIFEST), "{\"customers\": [{\"customerSubscriptionId\": \""
                + S2 + "\", \"tenantId\": \"" + T2 + "\", \"registrations\": [\"south\"]}]}");
        HttpResponse<String> answer = tuned.post("/checkDrift", "{}");
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("south", json(answer).at("/missing/0/registration").asText(), answer.body());
        assertEquals(S2, json(answer).at("/missing/0/customerSubscriptionId").asText(), answer.body());
    }

    /** A subscription-updated event for the test's subscription, signed by a certificate of "Contoso Ltd". */
    private HttpResponse<String> signedSubscriptionUpdated(String certificateUrl) throws Exception {
        return signedSubscriptionUpdated(certificateUrl, Instant.now());
    }

    private HttpResponse<String> signedSubscriptionUpdated(String certificateUrl, Instant changed) throws Exception {
        String body;
        try (InputStream event = getClass().getResourceAsStream("/partner-center/subscription-updated.json")) {
            body = new String(event.readAllBytes(), StandardCharsets.UTF_8).replace("{{CustomerId}}", T1)
                    .replace("{{SubscriptionId}}", subscription)
                    .replace("2017-11-16T16:19:06.3520276+00:00", changed.toString());
        }
        return partnerCenterSecret.post("/partnerCenterWebhook", body, Map.of(
                "Authorization", "Signature " + AzureBeside.SIGNING.otherOrganization.sign(body),
                "X-MS-Signature-Algorithm", "rsa-sha256",
                "X-MS-Certificate-Url", certificateUrl));
    }

    private String publishContosoCertificate(String name) {
        arm.publish("/cert/" + name, AzureBeside.SIGNING.otherOrganization.der());
        return azure.armEndpoint() + "cert/" + name;
    }

    @Test
    void webhookCertOrganizationAndAutoRegister() throws Exception {
        // The event names the customer's Azure plan (this test's subscription); its Azure subscription is registered.
        String azureSubscription = UUID.randomUUID().toString();
        azure.partnerCenter().addCustomer(T1, "Contoso customer")
                .addSubscription(T1, subscription, PartnerCenterState.AZURE_PLAN_OFFER, "active")
                .addAzureEntitlement(T1, subscription, azureSubscription, "active");
        HttpResponse<String> answer = signedSubscriptionUpdated(publishContosoCertificate("contoso-1.cer"));
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("registered", json(answer).path("status").asText(), answer.body());
        assertEquals(Map.of(azureSubscription, T1), arm.customersOf(north()),
                "a certificate of the configured organisation is trusted (the default, Microsoft Corporation, is not),"
                        + " and the event's subscription registered (the default is not to)");
    }

    @Test
    void webhookCertCacheTtl() throws Exception {
        azure.partnerCenter().addCustomer(T1, "Contoso customer")
                .addSubscription(T1, subscription, PartnerCenterState.OFFICE_OFFER, "active");
        String certificate = publishContosoCertificate("contoso-2.cer");
        assertEquals(200, signedSubscriptionUpdated(certificate).statusCode());
        assertEquals(200, signedSubscriptionUpdated(certificate).statusCode());
        assertEquals(List.of("/cert/contoso-2.cer", "/cert/contoso-2.cer"), arm.blobRequests(),
                "fetched again once 1ms has passed (an hour, by default)");
    }

    @Test
    void webhookMaxEventAge() throws Exception {
        HttpResponse<String> answer = signedSubscriptionUpdated(publishContosoCertificate("contoso-3.cer"),
                Instant.now().minus(Duration.ofHours(2)));
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("stale", json(answer).path("status").asText(), answer.body());
        assertEquals(List.of(), calls("PUT"), "an event older than 1h is not acted on (7 days, by default)");
    }

    /** The capped app's timer run over a manifest that puts these subscriptions, each of its own tenant, on north. */
    private HttpResponse<String> cappedTimerRun(String... subscriptions) throws Exception {
        StringBuilder customers = new StringBuilder();
        for (String missing : subscriptions) {
            customers.append(customers.length() == 0 ? "" : ", ").append("{\"customerSubscriptionId\": \"")
                    .append(missing).append("\", \"tenantId\": \"").append(UUID.randomUUID())
                    .append("\", \"registrations\": [\"north\"]}");
        }
        Files.writeString(PackagedApp.FOLDER.resolve(CAPPED_MANIFEST), "{\"customers\": [" + customers + "]}");
        return timer(capped);
    }

    /** A scheduled run of {@code app}'s timer, as the Functions host posts it. */
    private static HttpResponse<String> timer(PackagedApp app) throws Exception {
        try (InputStream envelope = SettingsIT.class
                .getResourceAsStream("/functions-custom-handler/timer-request.json")) {
            return app.post("/driftCheck", new String(envelope.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void driftMaxWrites() throws Exception {
        HttpResponse<String> answer = cappedTimerRun(S1, S2, subscription);
        assertEquals(503, answer.statusCode(), answer.body());
        assertEquals("DriftWriteCapReached", json(answer).at("/error/code").asText(), answer.body());
        assertEquals(2, arm.customersOf(north()).size(), "two additions, not the default 20,000: " + answer.body());
    }

    @Test
    void driftDeadline() throws Exception {
        arm.inject(Fault.delay("PUT", "customerSubscriptions", Duration.ofSeconds(6), 1));
        HttpResponse<String> answer = cappedTimerRun(S1, S2);
        assertEquals(504, answer.statusCode(), answer.body());
        assertEquals("DriftDeadlineReached", json(answer).at("/error/code").asText(), answer.body());
        assertEquals(1, arm.customersOf(north()).size(), "the write under way finished; none started after 5s");
    }

    /** A customer of the emulated partner with one active Azure-plan subscription. */
    private void partnerCenterCustomer(String tenant, String azureSubscription) {
        String plan = UUID.randomUUID().toString();
        azure.partnerCenter().addCustomer(tenant, "Customer " + tenant.substring(0, 8))
                .addSubscription(tenant, plan, PartnerCenterState.AZURE_PLAN_OFFER, "active")
                .addAzureEntitlement(tenant, plan, azureSubscription, "active");
    }

    @Test
    void partnerCenterConnectionWithAClientSecret() throws Exception {
        partnerCenterCustomer(T2, subscription);
        HttpResponse<String> answer = partnerCenterSecret.post("/checkDrift", "{}");
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(1, json(answer).at("/partnerCenter/customers").asInt(), answer.body());
        assertEquals(subscription, json(answer).at("/missing/0/customerSubscriptionId").asText(), answer.body());
        assertTrue(azure.partnerCenter().entraRequests().stream()
                .allMatch(request -> "client_secret".equals(request.credential())), "client ID, tenant, secret and "
                        + "authority host from the environment: " + azure.partnerCenter().entraRequests());
    }

    @Test
    void partnerCenterMaxConcurrency() throws Exception {
        for (int i = 0; i < 4; i++) {
            partnerCenterCustomer(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        }
        azure.partnerCenter().latency(Duration.ofMillis(100));
        HttpResponse<String> answer = partnerCenterSecret.post("/checkDrift", "{}");
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(4, json(answer).at("/partnerCenter/customers").asInt(), answer.body());
        assertEquals(1, azure.partnerCenter().peakConcurrentRequests(), "one Partner Center request at a time");
    }

    @Test
    void partnerCenterFederatedCredentialByDefault() throws Exception {
        partnerCenterCustomer(T2, subscription);
        HttpResponse<String> answer = partnerCenterFederated.post("/checkDrift", "{}");
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(subscription, json(answer).at("/missing/0/customerSubscriptionId").asText(), answer.body());
        assertTrue(azure.partnerCenter().entraRequests().stream()
                .allMatch(request -> "client_assertion".equals(request.credential())),
                "the managed identity's token is the client assertion: " + azure.partnerCenter().entraRequests());
    }

    @Test
    void partnerCenterBudget() throws Exception {
        for (int i = 0; i < 6; i++) {
            partnerCenterCustomer(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        }
        // A page of customers, then each customer's subscriptions and entitlements: over 3s at 1.5s a call.
        azure.partnerCenter().latency(Duration.ofMillis(1500));
        HttpResponse<String> answer = partnerCenterFederated.post("/checkDrift", "{}");
        assertEquals(503, answer.statusCode(), answer.body());
        assertEquals(false, json(answer).at("/partnerCenter/complete").asBoolean(true), answer.body());
        assertEquals("PartnerCenterBudgetSpent", json(answer).at("/partnerCenter/error/code").asText(), answer.body());
    }

    /** The aging apps' stored Partner Center walk. */
    private static BlobContainerClient agingWalk() {
        return new BlobServiceClientBuilder().connectionString(agingAzure.azurite().connectionString()).buildClient()
                .getBlobContainerClient(WalkStorage.CONTAINER);
    }

    /**
     * The aging apps' stored walk: emptied, then holding a complete generation of one customer (T1 with S1), begun
     * {@code age} ago, as an earlier run stored it.
     */
    private static void storeCompleteGenerationBegun(Duration age) {
        BlobContainerClient walk = agingWalk();
        WalkStorage.clear(walk);
        WalkStorage.storeCompleteGeneration(walk, 1, Instant.now().minus(age),
                List.of(List.of(new CustomerAzureSubscriptions(T1, List.of(S1)))));
    }

    @Test
    void partnerCenterMaxAge() throws Exception {
        EmulatorState agingArm = agingAzure.state();
        agingArm.reset();
        Registration north = agingAzure.registrations().get(0);
        agingArm.seed(north, S1, T1);
        agingArm.seed(agingAzure.registrations().get(1), S1, T1);
        agingArm.seed(north, S2, T2); // in no generation: unexpected
        agingAzure.partnerCenter().reset();
        // This run cannot read Partner Center: it decides against the generation stored 2 hours ago, or not at all.
        agingAzure.partnerCenter().inject(Fault.error("GET", "/customers", 403, "Forbidden", -1));

        storeCompleteGenerationBegun(Duration.ofHours(2));
        HttpResponse<String> held = timer(agingShort);
        assertEquals(503, held.statusCode(), held.body());
        assertEquals("held", json(held).at("/ReturnValue/actions/0/status").asText(), held.body());
        assertEquals("partnerCenterTooOld", json(held).at("/ReturnValue/actions/0/reason").asText(), held.body());
        assertEquals(Map.of(S1, T1, S2, T2), agingArm.customersOf(north), "older than 1h: nothing removed");

        storeCompleteGenerationBegun(Duration.ofHours(2));
        unexpectedSince(north, S2, T2, Duration.ofHours(80)); // before the generation began, beyond the grace
        HttpResponse<String> removed = timer(agingDefaults);
        assertEquals("removed", json(removed).at("/ReturnValue/actions/0/status").asText(), removed.body());
        assertEquals(Map.of(S1, T1), agingArm.customersOf(north), "younger than 48h: the unexpected one removed");
    }

    /** The aging apps' memory that drift checks have seen {@code subscription} unexpected since {@code ago}. */
    private static void unexpectedSince(Registration registration, String subscription, String tenant, Duration ago) {
        TableServiceClient tables = new TableServiceClientBuilder()
                .connectionString(agingAzure.azurite().connectionString()).buildClient();
        tables.createTableIfNotExists(UnexpectedEntries.TABLE);
        tables.getTableClient(UnexpectedEntries.TABLE).upsertEntity(new TableEntity(registration.alias(), subscription)
                .addProperty("since", Instant.now().minus(ago).atOffset(ZoneOffset.UTC)).addProperty("tenantId", tenant));
    }

    /** The aging apps' registrations: S1 (T1) on both, S2 (T2) on north only; Partner Center lists T1 alone. */
    private static Registration agingEstate() {
        EmulatorState agingArm = agingAzure.state();
        agingArm.reset();
        Registration north = agingAzure.registrations().get(0);
        agingArm.seed(north, S1, T1);
        agingArm.seed(agingAzure.registrations().get(1), S1, T1);
        agingArm.seed(north, S2, T2);
        agingAzure.partnerCenter().reset();
        String plan = UUID.randomUUID().toString();
        agingAzure.partnerCenter().addCustomer(T1, "Customer T1")
                .addSubscription(T1, plan, PartnerCenterState.AZURE_PLAN_OFFER, "active")
                .addAzureEntitlement(T1, plan, S1, "active");
        return north;
    }

    @Test
    void driftRemovalGrace() throws Exception {
        Registration north = agingEstate();
        // Unexpected for 2 hours, since before a generation begun 30 minutes ago: fresh, but not 72 hours old.
        storeCompleteGenerationBegun(Duration.ofMinutes(30));
        unexpectedSince(north, S2, T2, Duration.ofHours(2));
        HttpResponse<String> held = timer(agingDefaults);
        assertEquals("grace", json(held).at("/ReturnValue/actions/0/reason").asText(), held.body());
        assertEquals(Map.of(S1, T1, S2, T2), agingAzure.state().customersOf(north), "within 72h: kept");

        storeCompleteGenerationBegun(Duration.ofMinutes(30));
        unexpectedSince(north, S2, T2, Duration.ofHours(2));
        HttpResponse<String> removed = timer(agingShort);
        assertEquals("removed", json(removed).at("/ReturnValue/actions/0/status").asText(), removed.body());
        assertEquals(Map.of(S1, T1), agingAzure.state().customersOf(north), "past a grace of 1h: removed");
    }

    @Test
    void partnerCenterMaxShrink() throws Exception {
        Registration north = agingEstate();
        unexpectedSince(north, S2, T2, Duration.ofDays(10));
        // The last complete generation knew two customers; Partner Center now lists one: half of them.
        BlobContainerClient walk = agingWalk();
        WalkStorage.clear(walk);
        WalkStorage.storeCompleteGeneration(walk, 1, Instant.now().minus(Duration.ofMinutes(30)), List.of(List.of(
                new CustomerAzureSubscriptions(T1, List.of(S1)), new CustomerAzureSubscriptions(T2, List.of(S2)))));
        HttpResponse<String> dropped = timer(agingDefaults);
        assertEquals(503, dropped.statusCode(), dropped.body());
        assertEquals("PartnerCenterImplausible", json(dropped).at("/error/code").asText(), dropped.body());
        assertEquals(Map.of(S1, T1, S2, T2), agingAzure.state().customersOf(north), "50% fewer than 10% allows");

        HttpResponse<String> believed = timer(agingShort);
        assertEquals(200, believed.statusCode(), believed.body());
        assertEquals(true, json(believed).at("/ReturnValue/partnerCenter/complete").asBoolean(), believed.body());
    }

    @Test
    void unexpectedSinceIsKeptAcrossARestart() throws Exception {
        agingEstate();
        storeCompleteGenerationBegun(Duration.ofMinutes(30));
        HttpResponse<String> before = agingDefaults.post("/checkDrift", "{}");
        String since = json(before).at("/unexpected/0/since").asText();
        assertFalse(since.isEmpty(), before.body());

        agingDefaults.close();
        agingDefaults = PackagedApp.start("settings-aging-defaults-restarted",
                agingAzure.environment(agingDefaultsEnvironment));
        HttpResponse<String> after = agingDefaults.post("/checkDrift", "{}");
        assertEquals(since, json(after).at("/unexpected/0/since").asText(), after.body());
    }

    /**
     * A timer run of {@code app}, then a write whose journal record is queued after the expiry that run queued; answers
     * that write's subscription once its record is stored, so the expiry is done (one thread stores in turn).
     */
    private static String timerThenOneWrite(PackagedApp app) throws Exception {
        timer(app);
        String written = UUID.randomUUID().toString();
        journaledWrite(app, written, Map.of());
        return written;
    }

    /** The record of one registration of {@code subscription} on north, made with {@code headers}. */
    private static JsonNode journaledWrite(PackagedApp app, String subscription, Map<String, String> headers)
            throws Exception {
        // A tenant of its own: north holds T1's subscription, and a registration holds one per tenant.
        assertEquals(200, app.post("/registerCustomer", "{\"customerSubscriptionId\": \"" + subscription
                + "\", \"tenantId\": \"" + UUID.randomUUID() + "\", \"registrations\": [\"north\"]}", headers)
                .statusCode());
        for (int i = 0; i < 300 && journalOf(app, subscription).isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertEquals(1, journalOf(app, subscription).size(), "the write's record was stored");
        return journalOf(app, subscription).get(0);
    }

    @Test
    void websiteAuthEnabled() throws Exception {
        Map<String, String> principal = Map.of("X-MS-CLIENT-PRINCIPAL-NAME", "operator@contoso.com",
                "X-MS-CLIENT-PRINCIPAL-ID", T2);
        assertEquals("operator@contoso.com (" + T2 + ")", journaledWrite(capped, subscription, principal)
                .path("caller").asText(), "App Service Authentication's principal");
        assertEquals("functionKey", journaledWrite(tuned, UUID.randomUUID().toString(), principal).path("caller")
                .asText(), "without WEBSITE_AUTH_ENABLED, the headers are anyone's: ignored");
    }

    private static List<JsonNode> journalOf(PackagedApp app, String subscription) throws Exception {
        HttpResponse<String> page = app.get("/listChanges?customerSubscriptionId=" + subscription);
        assertEquals(200, page.statusCode(), page.body());
        List<JsonNode> changes = new ArrayList<>();
        json(page).path("changes").forEach(changes::add);
        return changes;
    }

    @Test
    void journalRetention() throws Exception {
        agingAzure.state().reset();
        agingAzure.partnerCenter().reset();
        // The timer's drift runs write nothing: Partner Center cannot be read and no generation is stored.
        agingAzure.partnerCenter().inject(Fault.error("GET", "/customers", 403, "Forbidden", -1));
        WalkStorage.clear(agingWalk());
        String old = UUID.randomUUID().toString();
        TableServiceClient tables = new TableServiceClientBuilder()
                .connectionString(agingAzure.azurite().connectionString()).buildClient();
        tables.createTableIfNotExists(Journal.TABLE);
        tables.getTableClient(Journal.TABLE).createEntity(Journal.entity(new Change(
                Instant.now().minus(Duration.ofDays(92)).toString(), "register", "north", old, T1, null, null,
                "function", "functionKey", UUID.randomUUID().toString(), "registered", null, null, null, null)));

        String recent = timerThenOneWrite(agingDefaults);
        assertEquals(1, journalOf(agingDefaults, old).size(), "a record of 92 days ago is kept 400 days");

        timerThenOneWrite(agingShort);
        assertEquals(List.of(), journalOf(agingShort, old), "its month lies wholly before 1 day ago: deleted");
        assertEquals(1, journalOf(agingShort, recent).size(), "this month's record is kept");
    }
}
