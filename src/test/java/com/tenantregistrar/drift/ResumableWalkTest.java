package com.tenantregistrar.drift;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.specialized.BlobLeaseClient;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.correlation.CorrelationRoute;
import com.tenantregistrar.emulator.EmulatorState.ArmRequest;
import com.tenantregistrar.emulator.Fault;
import com.tenantregistrar.emulator.PartnerCenterState;
import com.tenantregistrar.emulator.PartnerCenterState.CallKind;
import com.tenantregistrar.journal.Journal;
import com.tenantregistrar.partnercenter.CustomerAzureSubscriptions;
import com.tenantregistrar.partnercenter.WalkStorage;
import com.tenantregistrar.storage.AzuriteResource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The Partner Center walk over several runs, saved in the app's storage (Azurite): six customers, two per page; a
 * walk cut by REGISTRAR_PARTNER_CENTER_BUDGET (12 s here) goes on in the next run, registers what it finds at once,
 * and removes only against a complete generation; Azurite stopped mid-walk loses nothing saved before; a changed
 * ETag on the walk's state is retried or, when another run moved the walk on, never overwritten; a run that cannot
 * take the walk's lock does not walk.
 */
@QuarkusTest
@TestProfile(ResumableWalkTest.ShortBudget.class)
class ResumableWalkTest extends EmulatedArmTest {

    public static class ShortBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> settings = new HashMap<>(WithPartnerCenter.connection());
            settings.put("registrar.drift.mode", "reconcile");
            settings.put("registrar.drift.max-removals", "10");
            settings.put("registrar.partner-center.budget", "12s");
            return settings;
        }
    }

    static final String PLAN = PartnerCenterState.AZURE_PLAN_OFFER;
    /** Registered, but no customer's in Partner Center: unexpected. */
    static final String STRAY = "5a5a5a5a-0000-4000-8000-000000000000";

    @Inject
    PartnerCenterState partnerCenter;

    static String customer(int i) {
        return String.format("c%07d-0000-4000-8000-000000000000", i);
    }

    static String azure(int i) {
        return String.format("a%07d-0000-4000-8000-000000000000", i);
    }

    @BeforeEach
    void sixCustomersTwoPerPage() {
        WalkedCustomers.seed(partnerCenter, 6, 2);
    }

    private List<String> registered(String method) {
        return armCalls().stream().filter(c -> c.method().equals(method)).map(ArmRequest::path)
                .map(path -> path.substring(path.lastIndexOf('/') + 1)).distinct().sorted().toList();
    }

    /** Delays the read of customer 3 (the second page's second customer) by {@code delay}, once. */
    private void slowCustomer3(Duration delay) {
        partnerCenter.inject(Fault.delay("GET", customer(3) + "/subscriptions", delay, 1));
    }

    /** Holds the read of customer 3 until {@code release} completes, once. */
    private void holdCustomer3(CompletableFuture<Void> release) {
        partnerCenter.inject(Fault.hold("GET", customer(3) + "/subscriptions", release, 1));
    }

    /** Waits until customer 3's subscriptions have been asked for {@code times} times in all. */
    private void awaitCustomer3Asked(long times) throws InterruptedException {
        for (int i = 0; i < 1500 && customer3Asked() < times; i++) {
            Thread.sleep(20);
        }
        assertEquals(times, customer3Asked(), "customer 3 asked for");
    }

    private long customer3Asked() {
        return partnerCenter.requests().stream().filter(r -> r.path().endsWith(customer(3) + "/subscriptions"))
                .count();
    }

    private BlobClient state() {
        return storage.container(WalkStorage.CONTAINER).getBlobClient(WalkStorage.STATE);
    }

    @Test
    void aWalkCutByItsBudgetGoesOnInTheNextRunRegistersAtOnceAndRemovesNothingFirstSeenAfterItsGenerationBegan() {
        arm.seed(east(), STRAY, customer(9));
        slowCustomer3(Duration.ofSeconds(20));

        JsonPath first = TimerRequest.run().then().statusCode(200).extract().jsonPath();
        assertEquals(Map.of("customers", 3, "azureSubscriptions", 3, "complete", false, "generation", 1,
                "coverage", "3/?"), first.getMap("ReturnValue.partnerCenter"));
        assertEquals(List.of(azure(0), azure(1), azure(2)), registered("PUT"), "what was found is registered at once");
        assertEquals(List.of("held"), first.getList("ReturnValue.actions.findAll { it.action == 'remove' }.status"));
        assertEquals(List.of("partnerCenterIncomplete"),
                first.getList("ReturnValue.actions.findAll { it.action == 'remove' }.reason"));

        JsonPath second = TimerRequest.run().then().statusCode(200).extract().jsonPath();
        assertEquals(Map.of("customers", 6, "azureSubscriptions", 6, "complete", true, "generation", 1,
                "coverage", "6/6", "resumedFrom", 3), second.getMap("ReturnValue.partnerCenter"));
        assertEquals(List.of(azure(0), azure(1), azure(2), azure(3), azure(4), azure(5)), registered("PUT"));
        // STRAY is first seen unexpected on a complete view now, after generation 1 began: it may be a customer
        // onboarded since (the walk had passed its page). Generation 1 is no proof against it.
        assertEquals(List.of(), registered("DELETE"), "never removed against a generation older than its first sight");
        assertEquals(List.of(Map.of("action", "remove", "registration", "east", "customerSubscriptionId", STRAY,
                "status", "held", "reason", "recentlyWritten")),
                second.getList("ReturnValue.actions.findAll { it.action == 'remove' }"));
        String since = second.getString("ReturnValue.unexpected[0].since");
        assertNotNull(since, second.prettify());
        assertEquals(1, partnerCenter.requests().stream()
                .filter(r -> r.kind() == CallKind.CUSTOMERS && r.continuationToken() == null).count(),
                "the second run went on from the second page, not from the first");
        assertEquals(1, partnerCenter.requests().stream()
                .filter(r -> r.path().endsWith(customer(2) + "/subscriptions")).count(), "customer 2 read once");

        JsonPath third = given().post("/checkDrift").then().statusCode(200).extract().jsonPath();
        assertEquals(Map.of("customers", 6, "azureSubscriptions", 6, "complete", true, "generation", 2,
                "coverage", "6/6"), third.getMap("partnerCenter"), "the next generation, walked in one run");
        assertEquals(List.of(Map.of("registration", "east", "customerSubscriptionId", STRAY, "tenantId", customer(9),
                "since", since)), third.getList("unexpected"), "unexpected without a break, since its first sight");

        // Generation 3 began after STRAY was first seen: fresh proof, but not yet for the removal grace (72h).
        JsonPath fourth = TimerRequest.run().then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("grace"), fourth.getList("ReturnValue.actions.findAll { it.action == 'remove' }.reason"));
        assertEquals(List.of(), registered("DELETE"));
    }

    @Test
    void azuriteStoppedMidWalkLosesNothingSavedBeforeAndTheNextRunResumesFromTheLastSave() throws Exception {
        // The walk an earlier test left was deleted before this one; the restart below must not bring it back.
        AzuriteResource.azurite().awaitDeleted(WalkStorage.STATE);
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        holdCustomer3(stopped); // answered once Azurite is down, so the second page cannot be saved
        CompletableFuture<Response> run = CompletableFuture.supplyAsync(() -> given().post("/checkDrift"));
        try {
            awaitCustomer3Asked(1); // the first page is saved before the second is asked for
            AzuriteResource.azurite().awaitSaved(WalkStorage.STATE);
            AzuriteResource.azurite().stop();
            stopped.complete(null);
            run.get().then().statusCode(503)
                    .body("error.code", equalTo("StateStorageUnavailable"))
                    .body("partnerCenter.complete", equalTo(false))
                    .body("partnerCenter.error.code", equalTo("StateStorageUnavailable"));
        } finally {
            stopped.complete(null);
            AzuriteResource.azurite().restart();
        }

        given().post("/checkDrift").then().statusCode(200)
                .body("partnerCenter", equalTo(Map.of("customers", 6, "azureSubscriptions", 6, "complete", true,
                        "generation", 1, "coverage", "6/6", "resumedFrom", 2)))
                .body("missing.customerSubscriptionId.unique().sort()",
                        equalTo(List.of(azure(0), azure(1), azure(2), azure(3), azure(4), azure(5))));
        assertEquals(1, partnerCenter.requests().stream()
                .filter(r -> r.path().endsWith(customer(0) + "/subscriptions")).count(),
                "the first page, saved before Azurite stopped, was not read again");
    }

    @Test
    void aStateRewrittenUnderTheWalkIsRetriedAndOneMovedOnIsNeverOverwritten() throws Exception {
        CompletableFuture<Void> rewritten = new CompletableFuture<>();
        holdCustomer3(rewritten);
        CompletableFuture<Response> run = CompletableFuture.supplyAsync(() -> given().post("/checkDrift"));
        try {
            awaitCustomer3Asked(1);
            BinaryData saved = state().downloadContent();
            state().upload(saved, true); // the same state, a new ETag
        } finally {
            rewritten.complete(null);
        }
        run.get().then().statusCode(200).body("partnerCenter.coverage", equalTo("6/6"))
                .body("partnerCenter.generation", equalTo(1));

        CompletableFuture<Void> movedOnByAnother = new CompletableFuture<>();
        holdCustomer3(movedOnByAnother);
        CompletableFuture<Response> next = CompletableFuture.supplyAsync(() -> given().post("/checkDrift"));
        String movedOn;
        try {
            awaitCustomer3Asked(2);
            movedOn = state().downloadContent().toString().replaceFirst("\"seen\":2", "\"seen\":99");
            state().upload(BinaryData.fromString(movedOn), true);
        } finally {
            movedOnByAnother.complete(null);
        }
        next.get().then().statusCode(503)
                .body("partnerCenter.error.code", equalTo("PartnerCenterWalkConflict"));
        assertEquals(movedOn, state().downloadContent().toString(), "the other run's walk is kept as it wrote it");
    }

    @Test
    void aRunThatCannotTakeTheWalksLockDoesNotWalk() {
        BlobClient lock = storage.container(WalkStorage.CONTAINER).getBlobClient(WalkStorage.LOCK);
        lock.upload(BinaryData.fromString(""), true);
        BlobLeaseClient lease = new BlobLeaseClientBuilder().blobClient(lock).buildClient();
        lease.acquireLease(60);
        try {
            given().post("/checkDrift").then().statusCode(503)
                    .body("partnerCenter.complete", equalTo(false))
                    .body("partnerCenter.error.code", equalTo("PartnerCenterWalkRunning"))
                    .body("partnerCenter.resumedFrom", nullValue());
            assertEquals(0, partnerCenter.calls(CallKind.CUSTOMERS), "no second walk");
            assertFalse(state().exists(), "nothing saved by the run without the lock");
        } finally {
            lease.releaseLease();
        }
    }

    @Test
    void theTimersWritesAreJournaledAsTheTimersWithItsCorrelationId() {
        String correlationId = Journal.uniqueGuid();
        given().contentType(ContentType.JSON).header(CorrelationRoute.HEADER, correlationId)
                .body(TimerRequest.payload("timer-request.json")).post("/driftCheck").then().statusCode(200);
        // Both registrations of the first customer's subscription, made by this run (earlier tests' records stay).
        List<Map<String, Object>> registered = Journal.await("customerSubscriptionId=" + azure(0),
                c -> c.stream().filter(r -> correlationId.equals(r.get("correlationId"))).count() == 2).stream()
                .filter(r -> correlationId.equals(r.get("correlationId"))).toList();
        assertEquals(List.of("timer", "timer"), registered.stream().map(r -> r.get("trigger")).toList(),
                registered.toString());
        assertEquals(List.of("registered", "registered"), registered.stream().map(r -> r.get("outcome")).toList());
    }

    /** A stored complete generation 1 of the six customers, begun {@code age} ago; generation 2 not begun. */
    private void storeCompleteGeneration(Duration age) {
        List<CustomerAzureSubscriptions> customers = IntStream.range(0, 6)
                .mapToObj(i -> new CustomerAzureSubscriptions(customer(i), List.of(azure(i)))).toList();
        WalkStorage.storeCompleteGeneration(storage.container(WalkStorage.CONTAINER), 1, Instant.now().minus(age),
                List.of(customers));
        for (int i = 0; i < 6; i++) {
            arm.seed(east(), azure(i), customer(i));
            arm.seed(west(), azure(i), customer(i));
        }
        arm.seed(east(), STRAY, customer(9));
    }

    @Test
    void removalsAreDecidedAgainstACompleteGenerationYoungerThanTheMaximumAgeEvenWhenThisRunIsCut() {
        storeCompleteGeneration(Duration.ofHours(47));
        // Unexpected since before that generation began, and for longer than the grace.
        StoredDriftState.unexpectedSince(storage, "east", STRAY, customer(9), Instant.now().minus(Duration.ofHours(80)));
        slowCustomer3(Duration.ofSeconds(20));
        TimerRequest.run().then().statusCode(200)
                .body("ReturnValue.partnerCenter.complete", equalTo(false))
                .body("ReturnValue.partnerCenter.generation", equalTo(2))
                .body("ReturnValue.partnerCenter.coverage", equalTo("3/6"))
                .body("ReturnValue.partnerCenter.customers", equalTo(6))
                .body("ReturnValue.actions", equalTo(List.of(Map.of("action", "remove", "registration", "east",
                        "customerSubscriptionId", STRAY, "status", "removed"))));
    }

    @Test
    void anEntryFirstSeenUnexpectedAfterTheCompleteGenerationBeganIsNotRemovedAgainstIt() {
        storeCompleteGeneration(Duration.ofHours(47));
        // Registered (by the app, say) after generation 1 began, and unexpected ever since: held all the same.
        StoredDriftState.unexpectedSince(storage, "east", STRAY, customer(9), Instant.now().minus(Duration.ofHours(46)));
        slowCustomer3(Duration.ofSeconds(20));
        TimerRequest.run().then().statusCode(200)
                .body("ReturnValue.actions", equalTo(List.of(Map.of("action", "remove", "registration", "east",
                        "customerSubscriptionId", STRAY, "status", "held", "reason", "recentlyWritten"))));
        assertEquals(List.of(), registered("DELETE"));
    }

    @Test
    void aCompleteGenerationOlderThanTheMaximumAgeDecidesNoRemoval() {
        storeCompleteGeneration(Duration.ofHours(49));
        slowCustomer3(Duration.ofSeconds(20));
        TimerRequest.run().then().statusCode(200)
                .body("ReturnValue.partnerCenter.complete", equalTo(false))
                .body("ReturnValue.actions", equalTo(List.of(Map.of("action", "remove", "registration", "east",
                        "customerSubscriptionId", STRAY, "status", "held", "reason", "partnerCenterTooOld"))));
        assertEquals(List.of(), registered("DELETE"));
    }
}
