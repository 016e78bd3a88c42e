package com.tenantregistrar.drift;

import static com.tenantregistrar.drift.DesiredStateFile.manifest;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.LeaseStateType;
import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.emulator.Fault;
import com.tenantregistrar.emulator.PartnerCenterState;
import com.tenantregistrar.partnercenter.CustomerAzureSubscriptions;
import com.tenantregistrar.partnercenter.WalkStorage;
import com.tenantregistrar.storage.ProxiedStorage;
import com.tenantregistrar.storage.StorageProxy;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The Partner Center walk on a warm instance reads from storage only the chunks it has not seen: the blob requests
 * the app makes are counted by a proxy in front of Azurite. Six customers, two per page.
 */
@QuarkusTest
@TestProfile(WarmWalkTest.Proxied.class)
class WarmWalkTest extends EmulatedArmTest {

    /** Partner Center on; the app's storage behind the proxies. */
    public static class Proxied implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return WithPartnerCenter.connection();
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ProxiedStorage.class));
        }
    }

    @Inject
    PartnerCenterState partnerCenter;

    @BeforeEach
    void sixCustomersTwoPerPage() {
        // The test profile's manifest, with no overrides (an earlier class may have left its own): Partner Center
        // alone decides.
        DesiredStateFile.write(manifest());
        partnerCenter.reset();
        partnerCenter.pageSize(2);
        for (int i = 0; i < 6; i++) {
            String plan = String.format("e%07d-0000-4000-8000-000000000000", i);
            partnerCenter.addCustomer(ResumableWalkTest.customer(i), "Customer " + i)
                    .addSubscription(ResumableWalkTest.customer(i), plan, PartnerCenterState.AZURE_PLAN_OFFER,
                            "active")
                    .addAzureEntitlement(ResumableWalkTest.customer(i), plan, ResumableWalkTest.azure(i), "active");
        }
    }

    private static StorageProxy blobs() {
        return ProxiedStorage.proxy(StorageProxy.Service.BLOB);
    }

    /** The report of one {@code checkDrift}, and the chunks it read from storage. */
    private record Run(JsonPath report, List<String> chunksRead) {
    }

    private Run checkDrift(int status) {
        int before = blobs().requests().size();
        JsonPath report = given().post("/checkDrift").then().statusCode(status).extract().jsonPath();
        List<String> requests = blobs().requests();
        String container = "/" + WalkStorage.CONTAINER + "/";
        return new Run(report, requests.subList(before, requests.size()).stream()
                .filter(r -> r.startsWith("GET ")).map(r -> URLDecoder.decode(r, StandardCharsets.UTF_8))
                .filter(r -> r.contains(container + "g"))
                .map(r -> r.substring(r.indexOf(container) + container.length())).toList());
    }

    /** The customers {@code from} to {@code to} (exclusive) as Partner Center has them, as a stored page. */
    private static List<CustomerAzureSubscriptions> page(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> new CustomerAzureSubscriptions(ResumableWalkTest.customer(i),
                List.of(ResumableWalkTest.azure(i)))).toList();
    }

    @Test
    void aSecondRunReadsNoChunkItHasSeenAndAnswersTheSameAndANewGenerationIsReadAfresh() {
        // Generation 1, walked by another instance; Partner Center refuses this one, so each run reports from it.
        List<String> first = WalkStorage.storeCompleteGeneration(storage.container(WalkStorage.CONTAINER), 1,
                Instant.now().minus(Duration.ofHours(1)), List.of(page(0, 2), page(2, 4), page(4, 6)));
        partnerCenter.inject(Fault.error("GET", "/customers", 403, "Forbidden", -1));

        Run cold = checkDrift(503);
        assertEquals(first, cold.chunksRead(), "a cold instance reads every chunk once");
        assertEquals(6, cold.report().getInt("partnerCenter.customers"));
        Run warm = checkDrift(503);
        assertEquals(List.of(), warm.chunksRead(), "a warm instance reads none again");
        assertEquals(cold.report().getMap("partnerCenter"), warm.report().getMap("partnerCenter"));
        assertEquals(cold.report().getList("missing"), warm.report().getList("missing"));
        assertEquals(12, warm.report().getList("missing").size(), "six customers, missing on both registrations");

        // Generation 2, walked by another instance: customer 5 has another Azure subscription now.
        String moved = "a9999999-0000-4000-8000-000000000000";
        List<String> second = WalkStorage.storeCompleteGeneration(storage.container(WalkStorage.CONTAINER), 2,
                Instant.now(), List.of(page(0, 2), page(2, 4), List.of(page(4, 5).get(0),
                        new CustomerAzureSubscriptions(ResumableWalkTest.customer(5), List.of(moved)))));
        Run next = checkDrift(503);
        assertEquals(second, next.chunksRead(), "a new generation's chunks are read, not the old one's served");
        List<String> missing = next.report().getList("missing.customerSubscriptionId");
        assertEquals(2, missing.stream().filter(moved::equals).count(), "generation 2's read: " + missing);
        assertFalse(missing.contains(ResumableWalkTest.azure(5)), "generation 1's read is gone: " + missing);
    }

    @Test
    void aWalkAcrossRunsOnOneInstanceReadsNoChunkItWrote() {
        // The first run stops at the second page (customer 3 refused), having saved the first.
        partnerCenter.inject(Fault.error("GET", ResumableWalkTest.customer(3) + "/subscriptions", 403, "Forbidden",
                1));
        Run cut = checkDrift(503);
        assertEquals("2/?", cut.report().getString("partnerCenter.coverage"));

        Run completing = checkDrift(200);
        assertEquals(Map.of("customers", 6, "azureSubscriptions", 6, "complete", true, "generation", 1,
                "coverage", "6/6", "resumedFrom", 2), completing.report().getMap("partnerCenter"));
        assertEquals(List.of(), completing.chunksRead(), "the chunks of the first run are known to this instance");
        assertEquals(12, completing.report().getList("missing").size());
    }

    @Test
    void theLockIsReleasedBeforeARunAnswersSoTheNextRunWalks() {
        // The release is held a moment on its way to storage: the run's answer waits for it.
        blobs().once(request -> "release".equals(request.getHeader("x-ms-lease-action")), () -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertEquals(1, checkDrift(200).report().getInt("partnerCenter.generation"));
        BlobClient lock = storage.container(WalkStorage.CONTAINER).getBlobClient(WalkStorage.LOCK);
        assertEquals(LeaseStateType.AVAILABLE, lock.getProperties().getLeaseState(), "released before the answer");
        assertEquals(2, checkDrift(200).report().getInt("partnerCenter.generation"), "the next run walks");
    }
}
