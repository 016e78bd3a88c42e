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

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.drift.Manifest.DesiredCustomer;
import com.tenantregistrar.drift.DriftReport.Reason;
import com.tenantregistrar.drift.PlannedWrite.Kind;
import com.tenantregistrar.registration.RegisteredCustomer;
import com.tenantregistrar.error.ErrorBody;
import com.tenantregistrar.partnercenter.CustomerFailure;
import com.tenantregistrar.registration.Registration;

/** The plan alone: what a reconcile would write, and in which order. */
class ReconcilePlanTest {

    private static final Registration EAST = new Registration("east", "/subscriptions/x/resourceGroups/g/providers/"
            + "Microsoft.AzureStack/registrations/east");

    /**
     * East should hold S1 (with T1) and S2 (with T2); it holds S2 with T3, S3 with T1 (T1's other subscription: the
     * PUT of S1 unmaps it) and S4.
     */
    private static DriftComparison comparison() {
        DesiredState desired = new Manifest(List.of(new DesiredCustomer(S1, T1, List.of(EAST)),
                new DesiredCustomer(S2, T2, List.of(EAST))));
        return DriftComparison.of(Optional.of(desired),
                List.of(Holdings.read(EAST, Map.of(S2, T3, S3, T1, S4, T4))));
    }

    @Test
    void replacesThenRewritesThenRemovesAndNeverRemovesWhatAReplacementUnmaps() {
        List<PlannedWrite> plan = ReconcilePlan.of(comparison());

        assertEquals(List.of(new PlannedWrite(Kind.REPLACE, "east", S1, T1, null, S3),
                new PlannedWrite(Kind.REWRITE, "east", S2, T2, null),
                new PlannedWrite(Kind.REMOVE, "east", S4, null, null)), plan);
        assertTrue(plan.stream().allMatch(w -> w.kind().destructive()), "a replacement moves billing: destructive");
    }

    @Test
    void theWebhooksAdditionsNeverReplace() {
        assertEquals(List.of(), ReconcilePlan.additions(comparison()));
    }

    @Test
    void aReplacementThatWouldUnmapAnInactiveSubscriptionIsHeld() {
        List<Holdings> holdings = List.of(Holdings.read(EAST, Map.of(S3, T1)));
        // Partner Center: T1's active S1, and S3 suspended.
        PartnerCenterDesiredState desired = new PartnerCenterDesiredState(Map.of(T1, S1), List.of(EAST), List.of(),
                Map.of(S3, new DesiredState.Inactive(T1, "suspended")), new PartnerCenterSummary(1, 1, true, null,
                        null, null, null, null));
        DriftComparison comparison = DriftComparison.of(Optional.of(desired), holdings);

        assertEquals(List.of(new PlannedWrite(Kind.REPLACE, "east", S1, T1, Reason.INACTIVE, S3)),
                ReconcilePlan.of(comparison));
    }

    @Test
    void additionsGoLongestMissingFirstAndThoseNotYetRememberedLast() {
        DesiredState desired = new Manifest(List.of(new DesiredCustomer(S1, T1, List.of(EAST)),
                new DesiredCustomer(S2, T2, List.of(EAST)), new DesiredCustomer(S3, T3, List.of(EAST)),
                new DesiredCustomer(S4, T4, List.of(EAST))));
        DriftComparison comparison = DriftComparison.of(Optional.of(desired), List.of(Holdings.read(EAST, Map.of())));
        Instant now = Instant.parse("2026-12-08T00:00:00Z");
        // S3 was skipped by the deadline of a run an hour ago, S2 by one six hours ago; S1 and S4 are new.
        Map<RegisteredCustomer, Instant> since = Map.of(
                new RegisteredCustomer("east", S3, T3), now.minus(Duration.ofHours(1)),
                new RegisteredCustomer("east", S2, T2), now.minus(Duration.ofHours(6)));

        List<String> order = ReconcilePlan.of(comparison, since).stream().map(PlannedWrite::customerSubscriptionId)
                .toList();
        List<String> unordered = ReconcilePlan.of(comparison).stream().map(PlannedWrite::customerSubscriptionId)
                .toList();

        assertEquals(List.of(S2, S3), order.subList(0, 2));
        assertEquals(unordered.stream().filter(s -> s.equals(S1) || s.equals(S4)).toList(), order.subList(2, 4),
                "the rest in the comparison's order");
    }

    @Test
    void whatTouchesATenantTheWalkSteppedOverIsHeldUndecidedAndTheRestIsNot() {
        // Partner Center read in full but for T4's customer, stepped over: T1 expected with S1, nothing of T4 known.
        Map<String, String> held = new LinkedHashMap<>();
        held.put(S3, T1);
        held.put(S4, T4);
        held.put(S2, T2);
        List<Holdings> holdings = List.of(Holdings.read(EAST, held));
        PartnerCenterDesiredState desired = new PartnerCenterDesiredState(Map.of(T1, S1), List.of(EAST), List.of(),
                Map.of(), new PartnerCenterSummary(2, 1, true, null, 1L, "2/2", null, null, null,
                        List.of(new CustomerFailure(T4, new ErrorBody("PartnerCenterForbidden", "refused")))));
        DriftComparison comparison = DriftComparison.of(Optional.of(desired), holdings);

        assertEquals(List.of(T4), comparison.undecided());
        assertEquals(List.of(new PlannedWrite(Kind.REPLACE, "east", S1, T1, null, S3),
                new PlannedWrite(Kind.REMOVE, "east", S4, null, Reason.PARTNER_CENTER_UNDECIDED),
                new PlannedWrite(Kind.REMOVE, "east", S2, null, null)), ReconcilePlan.of(comparison));
        assertTrue(!comparison.inSync(), "an undecided tenant is no proof of sync");
    }
}
