package com.tenantregistrar.drift;

import static com.tenantregistrar.drift.DesiredStateFile.customer;
import static com.tenantregistrar.drift.DesiredStateFile.manifest;
import static com.tenantregistrar.journal.Journal.await;
import static com.tenantregistrar.journal.Journal.uniqueGuid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The timer's reconcile writes are journaled with the trigger {@code timer}: a rewrite and a removal with the
 * tenant they replaced or removed, a registration of a missing customer with since when it was missing.
 */
@QuarkusTest
@TestProfile(ReconcileJournalTest.ReconcileWithBudget.class)
class ReconcileJournalTest extends EmulatedArmTest {

    public static class ReconcileWithBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("registrar.drift.mode", "reconcile", "registrar.drift.max-removals", "5");
        }
    }

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

        Map<String, Object> removal = await("tenantId=" + goneTenant, c -> c.size() == 1).get(0);
        assertEquals(List.of("remove", removed, "removed", "timer"), List.of(removal.get("action"),
                removal.get("customerSubscriptionId"), removal.get("outcome"), removal.get("trigger")));
        assertNull(removal.get("tenantId"));

        Map<String, Object> register = await("customerSubscriptionId=" + missing, c -> c.size() == 1).get(0);
        assertEquals(List.of("register", "west", "registered", "timer"), List.of(register.get("action"),
                register.get("registration"), register.get("outcome"), register.get("trigger")));
        assertNotNull(register.get("missingSince"));
    }
}
