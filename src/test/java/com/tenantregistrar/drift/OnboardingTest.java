package com.tenantregistrar.drift;

import static com.tenantregistrar.drift.DesiredStateFile.manifest;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.emulator.EmulatorState.WriteThrottle;
import com.tenantregistrar.emulator.PartnerCenterState;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Enabling the app for a partner whose customers are on no registration yet: one timer run writes them all, as fast
 * as ARM's throttling lets it, with no write failed. 150 Azure customers on the two (empty) registrations, which
 * are in two subscriptions: 300 writes; ARM throttles each subscription's writes with a bucket of 20 tokens refilled
 * at 20 a second (ARM's own is 200 and 10: scaled so that the test takes seconds, and slower than even a loaded
 * machine writes, so that it meets the throttling), and takes 20 ms to answer a write.
 */
@QuarkusTest
@TestProfile(WithPartnerCenter.class)
class OnboardingTest extends EmulatedArmTest {

    private static final int CUSTOMERS = 150;

    @Inject
    PartnerCenterState partnerCenter;

    @BeforeEach
    void aPartnerWithManyAzureCustomers() throws Exception {
        partnerCenter.reset();
        DesiredStateFile.write(manifest());
        for (int i = 0; i < CUSTOMERS; i++) {
            String tenant = String.format("%08x-0000-4000-8000-00000000aaaa", i);
            String plan = String.format("%08x-0000-4000-8000-00000000bbbb", i);
            partnerCenter.addCustomer(tenant, "Customer " + i)
                    .addSubscription(tenant, plan, PartnerCenterState.AZURE_PLAN_OFFER, "active")
                    .addAzureEntitlement(tenant, plan, String.format("%08x-0000-4000-8000-00000000cccc", i), "active");
        }
    }

    @Test
    void oneRunWritesEveryAdditionConcurrentlyThroughTheThrottlingAndNoneFails() {
        arm.throttleWrites(new WriteThrottle(20, 20));
        arm.writeLatency(Duration.ofMillis(20));

        TimerRequest.run().then().statusCode(200)
                .body("ReturnValue.partnerCenter.complete", equalTo(true))
                .body("ReturnValue.actions", hasSize(2 * CUSTOMERS))
                .body("ReturnValue.actions.action", everyItem(equalTo("register")))
                .body("ReturnValue.actions.status", everyItem(equalTo("registered")));

        assertEquals(CUSTOMERS, arm.customersOf(east()).size());
        assertEquals(CUSTOMERS, arm.customersOf(west()).size());
        assertTrue(arm.throttledWrites() > 0, "ARM throttled the run, which went on");
        int peak = arm.peakConcurrentRequests();
        // The two registrations' reads are the only other requests, two at most at once.
        assertTrue(peak > 2 && peak <= 8, "writes concurrently, at most REGISTRAR_ARM_MAX_CONCURRENCY (8) under way: "
                + peak);
        assertEquals(2 * CUSTOMERS + arm.throttledWrites(), armCalls("PUT").size(),
                "each write made once, and tried again only after ARM throttled it");

        given().post("/checkDrift").then().statusCode(200).body("inSync", equalTo(true));
    }
}
