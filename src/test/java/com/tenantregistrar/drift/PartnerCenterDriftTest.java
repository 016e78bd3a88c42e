package com.tenantregistrar.drift;

import static com.tenantregistrar.drift.DesiredStateFile.customer;
import static com.tenantregistrar.drift.DesiredStateFile.manifest;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.emulator.EmulatorState.ArmRequest;
import com.tenantregistrar.emulator.Fault;
import com.tenantregistrar.emulator.PartnerCenterState;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Partner Center as the desired state, through checkDrift and the timer, against the emulated Partner Center. */
@QuarkusTest
@TestProfile(WithPartnerCenter.class)
class PartnerCenterDriftTest extends EmulatedArmTest {

    static final String PLAN = PartnerCenterState.AZURE_PLAN_OFFER;
    static final String C1 = "c1c1c1c1-0000-4000-8000-000000000001";
    static final String C2 = "c2c2c2c2-0000-4000-8000-000000000002";
    static final String C3 = "c3c3c3c3-0000-4000-8000-000000000003";
    static final String P1 = "e1000000-0000-4000-8000-000000000001";
    static final String P2 = "e2000000-0000-4000-8000-000000000002";
    static final String P3 = "e3000000-0000-4000-8000-000000000003";
    static final String A1 = "a1000000-0000-4000-8000-000000000001";
    static final String A2 = "a2000000-0000-4000-8000-000000000002";
    static final String A3 = "a3000000-0000-4000-8000-000000000003";
    static final String A4 = "a4000000-0000-4000-8000-000000000004";

    @Inject
    PartnerCenterState partnerCenter;

    @BeforeEach
    void emptyPartnerCenterAndNoManifest() throws Exception {
        partnerCenter.reset();
        // The test profile's manifest, with no overrides: Partner Center alone decides.
        DesiredStateFile.write(manifest());
    }

    private void customerWithPlan(String tenant, String plan, String planStatus, String... activeAzure) {
        partnerCenter.addCustomer(tenant, "Customer " + tenant.substring(0, 4))
                .addSubscription(tenant, plan, PLAN, planStatus);
        for (String azure : activeAzure) {
            partnerCenter.addAzureEntitlement(tenant, plan, azure, "active");
        }
    }

    private List<ArmRequest> writes() {
        return armCalls().stream().filter(c -> !c.method().equals("GET")).toList();
    }

    @Test
    void aCustomerOnTheLastPageIsMissingEverywhereAndThePlanIdIsNeverExpected() {
        partnerCenter.pageSize(2);
        for (int i = 0; i < 4; i++) {
            partnerCenter.addCustomer(String.format("0000000%d-0000-4000-8000-000000000000", i), "Office " + i)
                    .addSubscription(String.format("0000000%d-0000-4000-8000-000000000000", i),
                            String.format("0000000%d-1111-4000-8000-000000000000", i), PartnerCenterState.OFFICE_OFFER,
                            "active");
        }
        customerWithPlan(C1, P1, "active", A1);
        given().post("/checkDrift").then().statusCode(200)
                .body("partnerCenter", equalTo(Map.of("customers", 5, "azureSubscriptions", 1, "complete", true,
                        "generation", 1, "coverage", "5/5")))
                .body(DriftReportTest.MISSING, equalTo(List.of(
                        Map.of("registration", "east", "customerSubscriptionId", A1, "tenantId", C1),
                        Map.of("registration", "west", "customerSubscriptionId", A1, "tenantId", C1))))
                .body("ambiguous", empty());
    }

    @Test
    void anAmbiguousTenantIsReportedWithItsCandidatesAndNeverGuessedButARegisteredCandidateWins() {
        customerWithPlan(C1, P1, "active", A2, A1);
        customerWithPlan(C2, P2, "active", A3, A4);
        arm.seed(east(), A4, C2);
        given().post("/checkDrift").then().statusCode(200)
                .body("inSync", equalTo(false))
                .body("ambiguous", equalTo(List.of(Map.of("tenantId", C1, "candidates", List.of(A1, A2)))))
                .body(DriftReportTest.MISSING, equalTo(List.of(
                        Map.of("registration", "west", "customerSubscriptionId", A4, "tenantId", C2))))
                .body("unexpected", empty());
    }

    @Test
    void aSuspendedPlanADisabledEntitlementAndOtherProductsGiveNothingSoTheirRegistrationsAreUnexpected() {
        customerWithPlan(C1, P1, "suspended", A1);
        customerWithPlan(C2, P2, "active", A2);
        partnerCenter.addAzureEntitlement(C2, P2, A3, "disabled");
        partnerCenter.addCustomer(C3, "Office only").addSubscription(C3, P3, PartnerCenterState.OFFICE_OFFER,
                "active");
        arm.seed(east(), A1, C1);
        arm.seed(east(), A2, C2);
        // West holds C2's disabled subscription where its active one belongs (one subscription per tenant).
        arm.seed(west(), A3, C2);
        given().post("/checkDrift").then().statusCode(200)
                .body("partnerCenter.azureSubscriptions", equalTo(1))
                .body(DriftReportTest.MISSING, equalTo(List.of(
                        Map.of("registration", "west", "customerSubscriptionId", A2, "tenantId", C2))))
                .body("unexpected", equalTo(List.of(
                        Map.of("registration", "east", "customerSubscriptionId", A1, "tenantId", C1),
                        Map.of("registration", "west", "customerSubscriptionId", A3, "tenantId", C2))));
    }

    @Test
    void anOutagePartWayRemovesNothingRegistersWhatItFoundAndFailsTheTimer() {
        customerWithPlan(C1, P1, "active", A1);
        customerWithPlan(C2, P2, "active", A2);
        arm.seed(east(), A2, C2);
        arm.seed(west(), A2, C2);
        partnerCenter.inject(Fault.error("GET", C2 + "/subscriptions", 503, "ServiceUnavailable", -1));

        TimerRequest.run().then().statusCode(503)
                .body("ReturnValue.partnerCenter.complete", equalTo(false))
                .body("ReturnValue.partnerCenter.error.code", notNullValue())
                .body("ReturnValue.actions", equalTo(List.of(
                        Map.of("action", "register", "registration", "east", "customerSubscriptionId", A1,
                                "status", "registered"),
                        Map.of("action", "register", "registration", "west", "customerSubscriptionId", A1,
                                "status", "registered"),
                        Map.of("action", "remove", "registration", "east", "customerSubscriptionId", A2,
                                "status", "held", "reason", "partnerCenterIncomplete"),
                        Map.of("action", "remove", "registration", "west", "customerSubscriptionId", A2,
                                "status", "held", "reason", "partnerCenterIncomplete"))))
                .body("Logs[0]", containsString("INCOMPLETE"));
        assertEquals(List.of("PUT", "PUT"), writes().stream().map(ArmRequest::method).toList());
        assertEquals(Map.of(A1, C1, A2, C2), arm.customersOf(east()), "the unread customer keeps its registration");
    }

    @Test
    void theManifestPinsATenantAndExcludesAnother() {
        customerWithPlan(C1, P1, "active", A1, A2);
        customerWithPlan(C2, P2, "active", A3);
        DesiredStateFile.write(manifest(customer(A2, C1, "west"),
                "{\"tenantId\": \"" + C2 + "\", \"registrations\": []}"));
        arm.seed(east(), A3, C2);
        given().post("/checkDrift").then().statusCode(200)
                .body("ambiguous", empty())
                .body(DriftReportTest.MISSING, equalTo(List.of(
                        Map.of("registration", "west", "customerSubscriptionId", A2, "tenantId", C1))))
                .body("unexpected", equalTo(List.of(
                        Map.of("registration", "east", "customerSubscriptionId", A3, "tenantId", C2))));
    }
}
