package com.tenantregistrar.drift;

import static com.tenantregistrar.drift.ResumableWalkTest.azure;
import static com.tenantregistrar.drift.ResumableWalkTest.customer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.emulator.Fault;
import com.tenantregistrar.emulator.PartnerCenterState;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** REGISTRAR_PARTNER_CENTER_MAX_CUSTOMER_FAILURES=1: a customer whose read fails is stepped over in that same run. */
@QuarkusTest
@TestProfile(SteppedOverAtOnceTest.OneFailure.class)
class SteppedOverAtOnceTest extends EmulatedArmTest {

    public static class OneFailure implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return WithPartnerCenter.and(Map.of("registrar.partner-center.max-customer-failures", "1"));
        }
    }

    @Inject
    PartnerCenterState partnerCenter;

    @Test
    void aCustomerWhoseReadFailsOnceIsSteppedOverInThatRun() {
        WalkedCustomers.seed(partnerCenter, 4, 2);
        partnerCenter.inject(Fault.error("GET", customer(1) + "/subscriptions", 404, "3000", -1));

        JsonPath run = TimerRequest.run().then().statusCode(200).extract().jsonPath();
        assertEquals(true, run.getBoolean("ReturnValue.partnerCenter.complete"), run.prettify());
        assertEquals(customer(1), run.getString("ReturnValue.partnerCenter.skipped[0].customerId"));
        assertEquals("PartnerCenterNotFound", run.getString("ReturnValue.partnerCenter.skipped[0].error.code"));
        assertEquals(List.of(customer(1)), run.getList("ReturnValue.undecided"));
        assertEquals(List.of(azure(0), azure(2), azure(3)),
                run.getList("ReturnValue.missing.customerSubscriptionId.unique().sort()"));
    }
}
