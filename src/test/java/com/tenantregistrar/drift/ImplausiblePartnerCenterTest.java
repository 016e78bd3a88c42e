package com.tenantregistrar.drift;

import static com.tenantregistrar.drift.DesiredStateFile.manifest;
import static com.tenantregistrar.drift.ResumableWalkTest.STRAY;
import static com.tenantregistrar.drift.ResumableWalkTest.azure;
import static com.tenantregistrar.drift.ResumableWalkTest.customer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.LogCapture;
import com.tenantregistrar.emulator.EmulatorState.ArmRequest;
import com.tenantregistrar.emulator.PartnerCenterState;
import com.tenantregistrar.partnercenter.CustomerAzureSubscriptions;
import com.tenantregistrar.partnercenter.WalkStorage;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A Partner Center answer too small to believe removes nothing: a generation that shrank by more than
 * REGISTRAR_PARTNER_CENTER_MAX_SHRINK (10%) is dropped, and one with no Azure subscription at all while the
 * registrations hold entries is not decided on. Both answer the timer non-2xx, with the figures in one WARN line.
 * STRAY would be removed otherwise: unexpected for longer than the grace, since before the stored generation began.
 */
@QuarkusTest
@TestProfile(ResumableWalkTest.ShortBudget.class)
class ImplausiblePartnerCenterTest extends EmulatedArmTest {

    @RegisterExtension
    LogCapture log = new LogCapture();

    @Inject
    PartnerCenterState partnerCenter;

    @BeforeEach
    void strayUnexpectedForLongerThanTheGrace() {
        partnerCenter.reset();
        partnerCenter.pageSize(2);
        DesiredStateFile.write(manifest());
        arm.seed(east(), STRAY, customer(9));
        StoredDriftState.unexpectedSince(storage, "east", STRAY, customer(9), Instant.now().minus(Duration.ofHours(80)));
    }

    /** Customers {@code from} to {@code to} (excluded) in Partner Center, each with one active Azure subscription. */
    private void inPartnerCenter(int from, int to) {
        for (int i = from; i < to; i++) {
            String plan = String.format("e%07d-0000-4000-8000-000000000000", i);
            partnerCenter.addCustomer(customer(i), "Customer " + i)
                    .addSubscription(customer(i), plan, PartnerCenterState.AZURE_PLAN_OFFER, "active")
                    .addAzureEntitlement(customer(i), plan, azure(i), "active");
        }
    }

    /** The drift check's WARN lines that name it (the HTTP layer's own line for the non-2xx answer aside). */
    private List<LogCapture.Line> warnings(String naming) {
        return log.atLeast(Level.WARNING).stream().filter(l -> l.logger().equals(DriftChecker.class.getName())
                && l.message().contains(naming)).toList();
    }

    private List<String> deletes() {
        return armCalls().stream().filter(c -> c.method().equals("DELETE")).map(ArmRequest::path).toList();
    }

    @Test
    void aGenerationHalvedSinceThePreviousIsDroppedRemovesNothingAndFailsTheTimer() {
        List<CustomerAzureSubscriptions> six = IntStream.range(0, 6)
                .mapToObj(i -> new CustomerAzureSubscriptions(customer(i), List.of(azure(i)))).toList();
        WalkStorage.storeCompleteGeneration(storage.container(WalkStorage.CONTAINER), 1,
                Instant.now().minus(Duration.ofHours(1)), List.of(six));
        for (int i = 0; i < 6; i++) {
            arm.seed(east(), azure(i), customer(i));
            arm.seed(west(), azure(i), customer(i));
        }
        inPartnerCenter(0, 3); // half the customers: a short answer, not a partner that lost half its customers

        TimerRequest.run().then().statusCode(503)
                .body("error.code", equalTo("PartnerCenterImplausible"))
                .body("ReturnValue.partnerCenter.complete", equalTo(false))
                .body("ReturnValue.partnerCenter.customers", equalTo(6))
                .body("ReturnValue.actions", equalTo(List.of(Map.of("action", "remove",
                        "registration", "east", "customerSubscriptionId", STRAY, "status", "held",
                        "reason", "partnerCenterImplausible"))))
                .body("ReturnValue.missing", equalTo(List.of()));
        assertEquals(List.of(), deletes());
        List<LogCapture.Line> named = warnings("REGISTRAR_PARTNER_CENTER_MAX_SHRINK");
        assertEquals(1, named.size(), log.lines().toString());
        assertTrue(named.get(0).message().contains("3 customers and 3 Azure subscriptions in generation 2"),
                named.get(0).message());
        assertTrue(named.get(0).message().contains("6 customers and 6 Azure subscriptions in generation 1"),
                named.get(0).message());

        // Generation 1 stays the last complete one: the next walk is measured against it again.
        given().post("/checkDrift").then().statusCode(503)
                .body("error.code", equalTo("PartnerCenterImplausible"))
                .body("partnerCenter.coverage", equalTo("3/6"))
                .body("error.message", containsString("generation 1"));
        assertEquals(List.of(), deletes());
    }

    @Test
    void anEmptyPartnerCenterWhileTheRegistrationsHoldEntriesRemovesNothingAndFailsTheTimer() {
        // No customer at all, and no earlier generation to compare with.
        TimerRequest.run().then().statusCode(503)
                .body("error.code", equalTo("PartnerCenterImplausible"))
                .body("ReturnValue.partnerCenter.customers", equalTo(0))
                .body("ReturnValue.actions", equalTo(List.of(Map.of("action", "remove",
                        "registration", "east", "customerSubscriptionId", STRAY, "status", "held",
                        "reason", "partnerCenterImplausible"))));
        assertEquals(List.of(), deletes());
        List<LogCapture.Line> named = warnings("Partner Center lists no customer with an Azure subscription");
        assertEquals(1, named.size(), log.lines().toString());
        assertTrue(named.get(0).message().contains("the registrations hold 1 entries"), named.get(0).message());
    }
}
