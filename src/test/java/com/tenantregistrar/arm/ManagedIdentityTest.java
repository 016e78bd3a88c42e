package com.tenantregistrar.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The ARM token comes from azure-identity's real ManagedIdentityCredential flow against the emulated App Service
 * identity endpoint (IDENTITY_ENDPOINT and IDENTITY_HEADER are set for the test JVM in the pom), and the emulated
 * ARM accepts only tokens that endpoint issued for the configured audience.
 */
@QuarkusTest
class ManagedIdentityTest extends EmulatedArmTest {

    @Test
    void callsCarryATokenFromTheManagedIdentityAndReuseIt() {
        json(registerBody(SUBSCRIPTION, TENANT, "east")).post("/registerCustomer").then().statusCode(200);
        int issued = arm.issuedTokens().size();
        assertTrue(issued >= 1, "a token was obtained from the identity endpoint");

        json(registerBody(SUBSCRIPTION, TENANT, "west")).post("/registerCustomer").then().statusCode(200);
        assertEquals(issued, arm.issuedTokens().size(), "the cached token is reused until it nears expiry");
    }
}
