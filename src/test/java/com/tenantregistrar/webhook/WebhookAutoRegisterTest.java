package com.tenantregistrar.webhook;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.tenantregistrar.LogCapture;
import com.tenantregistrar.correlation.CorrelationRoute;
import com.tenantregistrar.drift.DesiredStateFile;
import com.tenantregistrar.drift.WithPartnerCenter;
import com.tenantregistrar.emulator.EmulatorState.ArmRequest;
import com.tenantregistrar.emulator.Fault;
import com.tenantregistrar.emulator.PartnerCenterState;
import com.tenantregistrar.journal.Journal;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * REGISTRAR_WEBHOOK_AUTO_REGISTER=true with Partner Center: a subscription-updated event is resolved through the
 * emulated Partner Center to the customer's Azure subscriptions, which are registered where missing.
 */
@QuarkusTest
@TestProfile(WebhookAutoRegisterTest.AutoRegister.class)
class WebhookAutoRegisterTest extends WebhookTestSupport {

    public static class AutoRegister implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> settings = new HashMap<>(WithPartnerCenter.connection());
            settings.put("registrar.webhook.auto-register", "true");
            return settings;
        }
    }

    /** The customer's Azure plan in Partner Center: the event names it, never to be registered itself. */
    private static final String PLAN = "f0000000-0000-4000-8000-00000000000a";
    private static final String OFFICE = "f0000000-0000-4000-8000-00000000000b";
    private static final String EVENT = subscriptionUpdated(TENANT.toUpperCase(), PLAN);

    @Inject
    PartnerCenterState partnerCenter;

    /** TENANT has an active Azure plan with the one active Azure subscription SUBSCRIPTION, and Office. */
    @BeforeEach
    void aCustomerWithAnAzurePlan() {
        customerWithAzurePlan(partnerCenter, PLAN)
                .addSubscription(TENANT, OFFICE, PartnerCenterState.OFFICE_OFFER, "active");
    }

    private List<ArmRequest> writes() {
        return armCalls().stream().filter(c -> !c.method().equals("GET")).toList();
    }

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Test
    void registersTheCustomersAzureSubscriptionNotThePlanOnEveryRegistrationAndARedeliveryFindsNothingToDo() {
        String url = publish(KIT.signer);
        signed(EVENT, KIT.signer, url).post("/partnerCenterWebhook").then().statusCode(200)
                .body("status", equalTo("registered"))
                .body("tenantId", equalTo(TENANT))
                .body("results.customerSubscriptionId", contains(SUBSCRIPTION, SUBSCRIPTION))
                .body("results.registration", contains("east", "west"))
                .body("results.status", contains("registered", "registered"));
        assertEquals(Map.of(SUBSCRIPTION, TENANT), arm.customersOf(east()));
        assertEquals(Map.of(SUBSCRIPTION, TENANT), arm.customersOf(west()));

        signed(EVENT, KIT.signer, url).post("/partnerCenterWebhook").then().statusCode(200)
                .body("status", equalTo("ignored"));
        assertEquals(2, writes().size(), "the redelivery writes nothing");
    }

    @Test
    void theEventsWritesAreJournaledWithTheCallerWebhook() {
        String correlationId = Journal.uniqueGuid();
        signed(EVENT, KIT.signer, publish(KIT.signer)).header(CorrelationRoute.HEADER, correlationId)
                .post("/partnerCenterWebhook").then().statusCode(200).body("status", equalTo("registered"));

        List<Map<String, Object>> changes = Journal.await("customerSubscriptionId=" + SUBSCRIPTION,
                c -> c.stream().filter(change -> correlationId.equals(change.get("correlationId"))).count() == 2);
        changes.stream().filter(change -> correlationId.equals(change.get("correlationId")))
                .forEach(change -> assertEquals(List.of("webhook", "webhook"), List.of(change.get("trigger"),
                        change.get("caller"))));
    }

    @Test
    void anAmbiguousCustomerIsNotGuessedAndOneAlreadyRegisteredIsAddedWhereMissing() {
        String second = "e09a4e93-0000-4000-8000-000000000002";
        partnerCenter.addAzureEntitlement(TENANT, PLAN, second, "active");
        String url = publish(KIT.signer);
        signed(EVENT, KIT.signer, url).post("/partnerCenterWebhook").then().statusCode(200)
                .body("status", equalTo("ignored"));
        assertEquals(List.of(), writes());

        arm.seed(east(), second, TENANT);
        signed(EVENT, KIT.signer, url).post("/partnerCenterWebhook").then().statusCode(200)
                .body("status", equalTo("registered"))
                .body("results.customerSubscriptionId", contains(second))
                .body("results.registration", contains("west"));
    }

    @Test
    void aNonAzureProductASuspendedPlanAndADisabledSubscriptionAreIgnoredWithoutTouchingArm() {
        partnerCenter.addSubscription(TENANT, "f0000000-0000-4000-8000-00000000000c",
                PartnerCenterState.AZURE_PLAN_OFFER, "suspended");
        String url = publish(KIT.signer);
        for (String subscription : List.of(OFFICE, "f0000000-0000-4000-8000-00000000000c")) {
            signed(subscriptionUpdated(TENANT, subscription), KIT.signer, url).post("/partnerCenterWebhook").then()
                    .statusCode(200).body("$", equalTo(Map.of("status", "ignored")));
        }
        assertEquals(List.of(), armCalls());
    }

    @Test
    void anExcludedTenantIsIgnored() {
        DesiredStateFile.write("{\"customers\": [{\"tenantId\": \"" + TENANT + "\", \"registrations\": []}]}");
        try {
            signed(EVENT, KIT.signer, publish(KIT.signer)).post("/partnerCenterWebhook").then().statusCode(200)
                    .body("status", equalTo("ignored"));
            assertEquals(List.of(), writes());
        } finally {
            DesiredStateFile.write("{\"customers\": []}");
        }
    }

    @Test
    void aPermanentRefusalIsAnsweredWithSuccessSoPartnerCenterDoesNotRetry() {
        arm.inject(Fault.error("PUT", SUBSCRIPTION, 400, "BadCustomerSubscriptionId", -1));
        signed(EVENT, KIT.signer, publish(KIT.signer)).post("/partnerCenterWebhook").then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("error.code", equalTo("BadCustomerSubscriptionId"));
    }

    @Test
    void aTransientArmFailureIs503SoPartnerCenterRetries() {
        arm.inject(Fault.error("PUT", "azurestack-west", 503, "ServiceUnavailable", -1));
        signed(EVENT, KIT.signer, publish(KIT.signer)).post("/partnerCenterWebhook").then().statusCode(503)
                .body("error.code", equalTo("ServiceUnavailable"))
                .body("results.status", contains("registered", "failed"));
    }

    @Test
    void aTransientPartnerCenterFailureIs503WithoutTouchingArm() {
        partnerCenter.inject(Fault.error("GET", PLAN, 503, "ServiceUnavailable", -1));
        signed(EVENT, KIT.signer, publish(KIT.signer)).post("/partnerCenterWebhook").then().statusCode(503);
        assertEquals(List.of(), armCalls());
    }

    @Test
    void aResourceUriWithoutCustomerAndSubscriptionIs400() {
        String event = event("subscription-updated.json").replace("/customers/{{CustomerId}}/subscriptions/"
                + "{{SubscriptionId}}", "/customers/not-a-guid");
        signed(event, KIT.signer, publish(KIT.signer)).post("/partnerCenterWebhook").then().statusCode(400)
                .body("error.code", equalTo("InvalidRequest"));
        assertEquals(0, armCalls().size());
    }

    @Test
    void anEventOlderThanTheMaximumAgeIsAcknowledgedAsStaleAndNotActedOn() {
        String url = publish(KIT.signer);
        String documentationSampleOf2017 = resource("subscription-updated.json").replace("{{CustomerId}}", TENANT)
                .replace("{{SubscriptionId}}", SUBSCRIPTION);
        for (String event : List.of(changedAt(EVENT, Instant.now().minus(Duration.ofDays(8))),
                documentationSampleOf2017)) {
            signed(event, KIT.signer, url).post("/partnerCenterWebhook").then().statusCode(200)
                    .body("status", equalTo("stale"))
                    .body("$", not(hasKey("results")));
        }
        assertEquals(List.of(), armCalls());
        assertTrue(logs.lines().stream().anyMatch(line -> line.level().equals(Level.WARNING)
                && line.message().contains("subscription-updated") && line.message().contains(PLAN)
                && line.message().contains("REGISTRAR_WEBHOOK_MAX_EVENT_AGE")), logs.lines().toString());
    }

    @Test
    void anEventWithinTheMaximumAgeIsActedOn() {
        signed(changedAt(EVENT, Instant.now().minus(Duration.ofDays(6))), KIT.signer, publish(KIT.signer))
                .post("/partnerCenterWebhook").then().statusCode(200).body("status", equalTo("registered"));
        assertEquals(Map.of(SUBSCRIPTION, TENANT), arm.customersOf(east()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"ResourceChangeUtcDate\": null", "\"ResourceChangeUtcDate\": \"yesterday\"",
            "\"NoDate\": 1" })
    void anEventWithoutAReadableDateIsActedOnAsBefore(String date) {
        String event = EVENT.replaceFirst("\"ResourceChangeUtcDate\"\\s*:\\s*\"[^\"]*\"", date);
        signed(event, KIT.signer, publish(KIT.signer)).post("/partnerCenterWebhook").then().statusCode(200)
                .body("status", equalTo("registered"));
        assertEquals(Map.of(SUBSCRIPTION, TENANT), arm.customersOf(west()));
    }

    @Test
    void anUnverifiedEventRegistersNothing() {
        String url = publish(KIT.signer);
        String signature = KIT.signer.sign(EVENT);
        delivery(EVENT.replace(PLAN, "00000000-0000-4000-8000-000000000001"))
                .header("Authorization", "Signature " + signature)
                .header("X-MS-Certificate-Url", url).header("X-MS-Signature-Algorithm", "rsa-sha256")
                .post("/partnerCenterWebhook").then().statusCode(401);
        assertEquals(0, armCalls().size());
    }
}
