package com.tenantregistrar.arm;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** When the managed identity gives no token, the caller gets 503 CredentialUnavailable and ARM is not called. */
@QuarkusTest
@TestProfile(CredentialUnavailableTest.OwnAudience.class)
class CredentialUnavailableTest extends EmulatedArmTest {

    /**
     * A fresh app whose token audience no other test asked for, so that no token is cached for it
     * (MSAL keeps managed-identity tokens in a JVM-wide cache).
     */
    public static class OwnAudience implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("registrar.arm.audience", "https://management.core.windows.net/");
        }
    }

    @Test
    void noTokenIs503WithoutAnArmCallAndTheAppRecoversWhenTheIdentityDoes() {
        arm.refuseTokens(true);
        int before = arm.tokenRequests();
        json(registerBody(SUBSCRIPTION, TENANT, "east")).post("/registerCustomer")
                .then().statusCode(503)
                .contentType("application/json")
                .body("error.code", equalTo("CredentialUnavailable"))
                .body("error.message", containsString("managed identity"));
        assertEquals(0, armCalls().size());
        assertEquals(1, arm.tokenRequests() - before, "a refused token request is not retried by the ARM pipeline");

        arm.refuseTokens(false);
        json(registerBody(SUBSCRIPTION, TENANT, "east")).post("/registerCustomer").then().statusCode(200);
    }
}
