package com.tenantregistrar.arm;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The identity endpoint failing (500) is answered fast: a call's registrations share one token attempt, whose
 * retries are bounded, and no ARM request is made; the next call tries again.
 */
@QuarkusTest
@TestProfile(IdentityOutageTest.OwnAudience.class)
class IdentityOutageTest extends EmulatedArmTest {

    /** A fresh app whose token audience no other test asks for: MSAL's token cache is JVM-wide. */
    public static class OwnAudience implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("registrar.arm.audience", "https://management.usgovcloudapi.net/");
        }
    }

    /** Token requests the identity endpoint received while one failing {@code registerCustomer} of {@code body} ran. */
    private int attemptsOf(String body) {
        int before = arm.tokenRequests();
        Instant start = Instant.now();
        json(body).post("/registerCustomer").then().statusCode(503)
                .body("error.code", equalTo("CredentialUnavailable"))
                .body("results.error.code", everyItem(equalTo("CredentialUnavailable")));
        Duration took = Duration.between(start, Instant.now());
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "answered in " + took);
        return arm.tokenRequests() - before;
    }

    /** Until the identity endpoint has had no request for 8 s: azure-identity retries on after the app gave up. */
    private void awaitQuiet() throws InterruptedException {
        int seen = arm.tokenRequests();
        for (int quiet = 0, i = 0; quiet < 16 && i < 120; i++) {
            Thread.sleep(500);
            quiet = arm.tokenRequests() == seen ? quiet + 1 : 0;
            seen = arm.tokenRequests();
        }
    }

    @Test
    void aFailingIdentityEndpointIsOne503ForEveryRegistrationWithinFifteenSecondsFromOneAttempt()
            throws InterruptedException {
        arm.failTokens(true);
        int oneRegistration = attemptsOf(registerBody(SUBSCRIPTION, TENANT, "east"));
        awaitQuiet();
        int both = attemptsOf("{\"customerSubscriptionId\": \"" + SUBSCRIPTION + "\", \"tenantId\": \"" + TENANT
                + "\"}");
        assertEquals(0, armCalls().size(), "no ARM request without a token");
        // One attempt (with azure-identity's own retries within the app's budget) for the two registrations, not one
        // each: both calls waited the same budget, so the same number of requests.
        assertTrue(both <= oneRegistration + 1, "two registrations: " + both + " token requests, one: "
                + oneRegistration);

        arm.failTokens(false);
        json(registerBody(SUBSCRIPTION, TENANT, "east")).post("/registerCustomer").then().statusCode(200);
    }
}
