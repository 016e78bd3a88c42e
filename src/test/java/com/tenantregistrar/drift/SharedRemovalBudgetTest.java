package com.tenantregistrar.drift;

import static com.tenantregistrar.drift.DesiredStateFile.manifest;
import static com.tenantregistrar.drift.DriftReportTest.S1;
import static com.tenantregistrar.drift.DriftReportTest.S2;
import static com.tenantregistrar.drift.DriftReportTest.S3;
import static com.tenantregistrar.drift.DriftReportTest.T1;
import static com.tenantregistrar.drift.DriftReportTest.T2;
import static com.tenantregistrar.drift.DriftReportTest.T3;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.emulator.EmulatorState.ArmRequest;
import com.tenantregistrar.emulator.Fault;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * REGISTRAR_DRIFT_MAX_REMOVALS=2 as a budget per rolling 24 hours kept in the app's storage (Azurite): runs share it,
 * a slot another instance took in between is recounted (its write is conditional on the ETag), and old slots free up.
 */
@QuarkusTest
@TestProfile(SharedRemovalBudgetTest.TwoPerDay.class)
class SharedRemovalBudgetTest extends EmulatedArmTest {

    public static class TwoPerDay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // No grace: what holds the removals here is the budget alone (the manifest is the source).
            return Map.of("registrar.drift.mode", "reconcile", "registrar.drift.max-removals", "2",
                    "registrar.drift.removal-grace", "0");
        }
    }

    private List<String> deletes() {
        return armCalls().stream().filter(c -> c.method().equals("DELETE")).map(ArmRequest::path).toList();
    }

    private List<Instant> storedSlots() {
        return RemovalBudget.parse(storage.table(RemovalBudget.TABLE)
                .getEntity(RemovalBudget.PARTITION, RemovalBudget.ROW).getProperty(RemovalBudget.SLOTS));
    }

    private void storeSlots(Instant... slots) {
        storage.table(RemovalBudget.TABLE).upsertEntity(new TableEntity(RemovalBudget.PARTITION, RemovalBudget.ROW)
                .addProperty(RemovalBudget.SLOTS, RemovalBudget.format(List.of(slots))));
    }

    @Test
    void twoRunsInARowShareTheBudget() {
        DesiredStateFile.write(manifest());
        arm.seed(east(), S1, T1);
        TimerRequest.run().then().statusCode(200).body("ReturnValue.actions.status", equalTo(List.of("removed")));
        assertEquals(1, storedSlots().size());

        arm.seed(east(), S2, T2);
        arm.seed(east(), S3, T3);
        TimerRequest.run().then().statusCode(200)
                .body("ReturnValue.actions.status", equalTo(List.of("removed", "held")))
                .body("ReturnValue.actions.reason", equalTo(java.util.Arrays.asList(null, "removalBudget")));
        assertEquals(2, deletes().size(), "one per run: the second run had one slot of the two left");
        assertEquals(2, storedSlots().size());
    }

    @Test
    void aSlotTakenByAnotherInstanceInBetweenIsRecountedNotOverwritten() throws Exception {
        DesiredStateFile.write(manifest());
        arm.seed(east(), S1, T1);
        arm.seed(east(), S2, T2);
        // The first DELETE waits while "another instance" takes a slot: the run's next write is then on a stale ETag.
        CompletableFuture<Void> slotTaken = new CompletableFuture<>();
        arm.inject(Fault.hold("DELETE", S1, slotTaken, 1));
        CompletableFuture<Response> run = CompletableFuture.supplyAsync(TimerRequest::run);
        try {
            for (int i = 0; i < 1500 && deletes().isEmpty() && !run.isDone(); i++) {
                Thread.sleep(20);
            }
            assertEquals(1, deletes().size(), "the run's first DELETE is under way");
            List<Instant> seen = storedSlots();
            assertEquals(1, seen.size(), "the slot is taken before the write");
            TableEntity record = storage.table(RemovalBudget.TABLE).getEntity(RemovalBudget.PARTITION,
                    RemovalBudget.ROW);
            storage.table(RemovalBudget.TABLE).updateEntityWithResponse(new TableEntity(RemovalBudget.PARTITION,
                    RemovalBudget.ROW).addProperty(RemovalBudget.SLOTS, RemovalBudget.format(List.of(seen.get(0),
                            Instant.now()))).addProperty("odata.etag", record.getETag()),
                    TableEntityUpdateMode.REPLACE, true, null, null);
        } finally {
            slotTaken.complete(null);
        }

        run.get().then().statusCode(200)
                .body("ReturnValue.actions.status", equalTo(List.of("removed", "held")))
                .body("ReturnValue.actions.reason", equalTo(java.util.Arrays.asList(null, "removalBudget")));
        assertEquals(List.of(S1), deletes().stream().map(path -> path.substring(path.lastIndexOf('/') + 1)).toList(),
                "S1 removed, S2 held");
        assertEquals(2, storedSlots().size(), "the other instance's slot is kept, and no third one was taken");
    }

    @Test
    void slotsOlderThanADayAreFreeAgain() {
        DesiredStateFile.write(manifest());
        Instant now = Instant.now();
        storeSlots(now.minus(Duration.ofHours(25)), now.minus(Duration.ofHours(23)));
        arm.seed(east(), S1, T1);
        arm.seed(east(), S2, T2);
        TimerRequest.run().then().statusCode(200)
                .body("ReturnValue.actions.status", equalTo(List.of("removed", "held")));
        List<Instant> slots = storedSlots();
        assertEquals(2, slots.size(), "the 25-hour-old slot was dropped, the 23-hour-old one kept: " + slots);
        assertEquals(now.minus(Duration.ofHours(23)), slots.get(0));
    }
}
