package com.tenantregistrar.drift;

import static com.tenantregistrar.drift.DesiredStateFile.customer;
import static com.tenantregistrar.drift.DesiredStateFile.manifest;
import static com.tenantregistrar.journal.Journal.await;
import static com.tenantregistrar.journal.Journal.uniqueGuid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.correlation.CallContext;
import com.tenantregistrar.drift.DriftReport.Action;
import com.tenantregistrar.drift.PlannedWrite.Kind;
import com.tenantregistrar.drift.ReconcileExecutor.Execution;
import com.tenantregistrar.emulator.EmulatorState.ArmRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The timer's reconcile writes are journaled with the trigger and caller {@code timer}: a rewrite and a removal with
 * the tenant they replaced or removed, a registration of a missing customer with since when it was missing.
 */
@QuarkusTest
@TestProfile(ReconcileJournalTest.ReconcileWithBudget.class)
class ReconcileJournalTest extends EmulatedArmTest {

    public static class ReconcileWithBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("registrar.drift.mode", "reconcile", "registrar.drift.max-removals", "5",
                    "registrar.drift.removal-grace", "0");
        }
    }

    @Inject
    ReconcileExecutor executor;

    @Test
    void theTimersWritesAreJournaledWithWhatTheyReplacedAndSinceWhenTheyWereMissing() {
        String tenant = uniqueGuid();
        String oldTenant = uniqueGuid();
        String goneTenant = uniqueGuid();
        String rewritten = uniqueGuid();
        String removed = uniqueGuid();
        String missing = uniqueGuid();
        DesiredStateFile.write(manifest(customer(rewritten, tenant, "east"), customer(missing, tenant, "west")));
        arm.seed(east(), rewritten, oldTenant);
        arm.seed(east(), removed, goneTenant);

        TimerRequest.run().then().statusCode(200);

        Map<String, Object> rewrite = await("customerSubscriptionId=" + rewritten, c -> c.size() == 1).get(0);
        assertEquals("rewrite", rewrite.get("action"));
        assertEquals(tenant, rewrite.get("tenantId"));
        assertEquals(oldTenant, rewrite.get("previousTenantId"));
        assertEquals("timer", rewrite.get("trigger"));
        assertEquals("timer", rewrite.get("caller"));

        Map<String, Object> removal = await("tenantId=" + goneTenant, c -> c.size() == 1).get(0);
        assertEquals(List.of("remove", removed, "removed", "timer", "timer"), List.of(removal.get("action"),
                removal.get("customerSubscriptionId"), removal.get("outcome"), removal.get("trigger"),
                removal.get("caller")));
        assertNull(removal.get("tenantId"));

        Map<String, Object> register = await("customerSubscriptionId=" + missing, c -> c.size() == 1).get(0);
        assertEquals(List.of("register", "west", "registered", "timer", "timer"), List.of(register.get("action"),
                register.get("registration"), register.get("outcome"), register.get("trigger"),
                register.get("caller")));
        assertNotNull(register.get("missingSince"));
    }

    @Test
    void aRunsWritesCarryItsCallWhicheverThreadMakesThem() throws Exception {
        String subscription = uniqueGuid();
        CallContext call = new CallContext(uniqueGuid(), "timer", "timer", "driftCheck");
        // Subscribed on a thread that serves no request (as after a read answered on a context of its own): the log's
        // MDC holds nothing there, so only the call the run passes on can name it.
        Execution done = CompletableFuture.supplyAsync(() -> executor.execute(List.of(new PlannedWrite(Kind.REGISTER,
                "east", subscription, TENANT, null)), Instant.now().plusSeconds(60), call).block()).get();

        assertEquals(List.of("registered"), done.actions().stream().map(Action::status).toList());
        assertEquals(List.of(call.correlationId()), armCalls().stream().map(ArmRequest::correlationId).toList(),
                "the call's correlation ID, sent to ARM");
        Map<String, Object> record = await("customerSubscriptionId=" + subscription, c -> c.size() == 1).get(0);
        assertEquals(List.of("timer", "timer", call.correlationId()), List.of(record.get("trigger"),
                record.get("caller"), record.get("correlationId")));
    }
}
