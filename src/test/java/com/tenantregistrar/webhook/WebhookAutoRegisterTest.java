package com.tenantregistrar.webhook;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.tenantregistrar.LogCapture;
import com.tenantregistrar.emulator.Fault;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** REGISTRAR_WEBHOOK_AUTO_REGISTER=true: a subscription-updated event registers its subscription everywhere. */
@QuarkusTest
@TestProfile(WebhookAutoRegisterTest.AutoRegister.class)
class WebhookAutoRegisterTest extends WebhookTestSupport {

    public static class AutoRegister implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("registrar.webhook.auto-register", "true");
        }
    }

    private static final String EVENT = subscriptionUpdated(TENANT.toUpperCase(), SUBSCRIPTION);

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Test
    void registersTheSubscriptionWithTheCustomersTenantOnEveryRegistrationAndToleratesRedelivery() {
        String url = publish(KIT.signer);
        for (int delivery = 0; delivery < 2; delivery++) {
            signed(EVENT, KIT.signer, url).post("/partnerCenterWebhook").then().statusCode(200)
                    .body("status", equalTo("registered"))
                    .body("customerSubscriptionId", equalTo(SUBSCRIPTION))
                    .body("tenantId", equalTo(TENANT))
                    .body("results.status", contains("registered", "registered"));
        }
        assertEquals(Map.of(SUBSCRIPTION, TENANT), arm.customersOf(east()));
        assertEquals(Map.of(SUBSCRIPTION, TENANT), arm.customersOf(west()));
    }

    @Test
    void aPermanentRefusalIsAnsweredWithSuccessSoPartnerCenterDoesNotRetry() {
        arm.inject(Fault.error("PUT", SUBSCRIPTION, 400, "BadCustomerSubscriptionId", -1));
        signed(EVENT, KIT.signer, publish(KIT.signer)).post("/partnerCenterWebhook").then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("error.code", equalTo("BadCustomerSubscriptionId"));
    }

    @Test
    void aTransientFailureIs503SoPartnerCenterRetries() {
        arm.inject(Fault.error("PUT", "azurestack-west", 503, "ServiceUnavailable", -1));
        signed(EVENT, KIT.signer, publish(KIT.signer)).post("/partnerCenterWebhook").then().statusCode(503)
                .body("error.code", equalTo("ServiceUnavailable"))
                .body("results.status", contains("registered", "failed"));
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
                && line.message().contains("subscription-updated") && line.message().contains(SUBSCRIPTION)
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
        delivery(EVENT.replace(SUBSCRIPTION, "00000000-0000-4000-8000-000000000001"))
                .header("Authorization", "Signature " + signature)
                .header("X-MS-Certificate-Url", url).header("X-MS-Signature-Algorithm", "rsa-sha256")
                .post("/partnerCenterWebhook").then().statusCode(401);
        assertEquals(0, armCalls().size());
    }
}
