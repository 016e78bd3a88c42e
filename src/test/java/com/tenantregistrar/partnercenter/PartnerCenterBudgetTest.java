package com.tenantregistrar.partnercenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A read that outlasts REGISTRAR_PARTNER_CENTER_BUDGET (1 s here) stops: incomplete for the walk, 503 for one. */
@QuarkusTest
@TestProfile(PartnerCenterProfiles.TightBudget.class)
class PartnerCenterBudgetTest extends PartnerCenterTestSupport {

    @Test
    void aWalkThatOutlastsTheBudgetIsIncomplete() {
        partnerCenter.addCustomer(guid(0xA1), "Contoso").addSubscription(guid(0xA1), guid(0xA2), AZURE_PLAN, "active")
                .addAzureEntitlement(guid(0xA1), guid(0xA2), guid(0xA3), "active");
        partnerCenter.latency(Duration.ofMillis(1500));

        PartnerCenterSnapshot snapshot = walk();

        assertFalse(snapshot.complete());
        assertEquals("PartnerCenterBudgetSpent", snapshot.error().code());
    }

    @Test
    void aWebhookReadThatOutlastsTheBudgetIsTransient() {
        partnerCenter.addCustomer(guid(0xA1), "Contoso");
        partnerCenter.latency(Duration.ofMillis(1500));

        PartnerCenterException failure = assertThrows(PartnerCenterException.class,
                () -> directory.customer(guid(0xA1)).block(Duration.ofSeconds(30)));
        assertEquals(503, failure.status());
        assertEquals("PartnerCenterBudgetSpent", failure.code());
    }
}
