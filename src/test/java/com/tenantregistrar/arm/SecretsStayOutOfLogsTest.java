package com.tenantregistrar.arm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.LogCapture;
import com.tenantregistrar.emulator.Fault;

import io.quarkus.test.junit.QuarkusTest;

/** Neither an access token nor the identity endpoint's secret ever reaches a log, whatever the outcome. */
@QuarkusTest
class SecretsStayOutOfLogsTest extends EmulatedArmTest {

    @ConfigProperty(name = "registrar.emulator.identity-header")
    String identityHeader;

    @RegisterExtension
    final LogCapture log = new LogCapture();

    @Test
    void noTokenOrIdentitySecretIsLogged() {
        json(registerBody(SUBSCRIPTION, TENANT)).post("/registerCustomer").then().statusCode(200);
        String refused = "0b3c9a7e-1f2d-4c5b-8a6e-9d0f1e2a3b4c";
        arm.inject(Fault.error("PUT", refused, 401, "InvalidAuthenticationToken", 1));
        arm.inject(Fault.error("DELETE", SUBSCRIPTION, 500, "InternalServerError", -1));
        json(registerBody(refused, "10206aa3-9bf5-4304-affc-fd970c3b7813", "east")).post("/registerCustomer")
                .then().statusCode(503);
        json(removeBody(SUBSCRIPTION, "east")).post("/removeCustomer").then().statusCode(502);

        List<String> secrets = new java.util.ArrayList<>(arm.issuedTokens());
        assertFalse(secrets.isEmpty());
        secrets.add(identityHeader);
        assertTrue(log.lines().size() > 0, "the failures were logged");
        for (LogCapture.Line line : log.lines()) {
            for (String secret : secrets) {
                assertFalse(line.text().contains(secret), "a secret reached the log: " + line.text());
            }
        }
    }
}
