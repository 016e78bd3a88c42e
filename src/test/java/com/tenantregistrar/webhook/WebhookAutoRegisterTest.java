package com.tenantregistrar.webhook;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

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
        String event = resource("subscription-updated.json").replace("/customers/{{CustomerId}}/subscriptions/"
                + "{{SubscriptionId}}", "/customers/not-a-guid");
        signed(event, KIT.signer, publish(KIT.signer)).post("/partnerCenterWebhook").then().statusCode(400)
                .body("error.code", equalTo("InvalidRequest"));
        assertEquals(0, armCalls().size());
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
