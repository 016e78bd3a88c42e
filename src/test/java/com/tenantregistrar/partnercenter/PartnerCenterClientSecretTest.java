package com.tenantregistrar.partnercenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.tenantregistrar.LogCapture;
import com.tenantregistrar.emulator.Fault;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The client-secret credential reads Partner Center, and neither the secret nor a token ever reaches a log. */
@QuarkusTest
@TestProfile(PartnerCenterProfiles.ClientSecret.class)
class PartnerCenterClientSecretTest extends PartnerCenterTestSupport {

    @ConfigProperty(name = "registrar.emulator.partner-center-client-secret")
    String secret;

    @RegisterExtension
    final LogCapture log = new LogCapture();

    @Test
    void theClientSecretGetsTheTokenAndStaysOutOfTheLog() {
        partnerCenter.addCustomer(guid(0xA1), "Contoso").addSubscription(guid(0xA1), guid(0xA2), AZURE_PLAN, "active")
                .addAzureEntitlement(guid(0xA1), guid(0xA2), guid(0xA3), "active");
        partnerCenter.inject(Fault.error("GET", "/azureEntitlements", 503, "ServiceUnavailable", 1));

        PartnerCenterSnapshot snapshot = walk();

        assertTrue(snapshot.complete(), String.valueOf(snapshot.error()));
        assertEquals(List.of(new CustomerAzureSubscriptions(guid(0xA1), List.of(guid(0xA3))).named("Contoso")),
                snapshot.customers());
        assertTrue(partnerCenter.entraRequests().stream().allMatch(r -> "client_secret".equals(r.credential())),
                partnerCenter.entraRequests().toString());

        List<String> secrets = new ArrayList<>(azure.issuedTokens());
        assertFalse(secrets.isEmpty(), "Entra's tokens are known to the emulator");
        secrets.add(secret);
        assertFalse(log.lines().isEmpty(), "the retried answer was logged");
        for (LogCapture.Line line : log.lines()) {
            for (String value : secrets) {
                assertFalse(line.text().contains(value), "a secret reached the log: " + line.text());
            }
        }
    }
}
