package com.tenantregistrar.drift;

import static com.tenantregistrar.drift.DriftReportTest.S1;
import static com.tenantregistrar.drift.DriftReportTest.S2;
import static com.tenantregistrar.drift.DriftReportTest.S3;
import static com.tenantregistrar.drift.DriftReportTest.S4;
import static com.tenantregistrar.drift.DriftReportTest.T1;
import static com.tenantregistrar.drift.DriftReportTest.T2;
import static com.tenantregistrar.drift.DriftReportTest.T3;
import static com.tenantregistrar.drift.DriftReportTest.T4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.drift.Manifest.DesiredCustomer;
import com.tenantregistrar.drift.PlannedWrite.Kind;
import com.tenantregistrar.registration.Registration;

/** The plan alone: what a reconcile would write, and in which order. */
class ReconcilePlanTest {

    private static final Registration EAST = new Registration("east", "/subscriptions/x/resourceGroups/g/providers/"
            + "Microsoft.AzureStack/registrations/east");

    /** East should hold S1 (with T1) and S2; it holds S2 and S3 with other tenants, and S4. */
    private static DriftComparison comparison() {
        DesiredState desired = new Manifest(List.of(new DesiredCustomer(S1, T1, List.of(EAST)),
                new DesiredCustomer(S2, T2, List.of(EAST)), new DesiredCustomer(S3, T3, List.of(EAST))));
        return DriftComparison.of(Optional.of(desired),
                List.of(Holdings.read(EAST, Map.of(S2, T3, S3, T1, S4, T4))));
    }

    @Test
    void registersFirstThenRewritesThenRemoves() {
        List<PlannedWrite> plan = ReconcilePlan.of(comparison());

        assertEquals(List.of(Kind.REGISTER, Kind.REWRITE, Kind.REWRITE, Kind.REMOVE),
                plan.stream().map(PlannedWrite::kind).toList());
        assertEquals(new PlannedWrite(Kind.REGISTER, "east", S1, T1, null), plan.get(0));
        assertEquals(List.of(T2, T3), plan.subList(1, 3).stream().map(PlannedWrite::tenantId).sorted().toList());
        assertEquals(new PlannedWrite(Kind.REMOVE, "east", S4, null, null), plan.get(3));
        assertTrue(plan.stream().noneMatch(PlannedWrite::held), "a manifest is complete: nothing held by the plan");
    }
}
