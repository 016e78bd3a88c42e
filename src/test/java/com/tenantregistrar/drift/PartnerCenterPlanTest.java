package com.tenantregistrar.drift;

import static com.tenantregistrar.drift.RegistrationRuleTest.A;
import static com.tenantregistrar.drift.RegistrationRuleTest.B;
import static com.tenantregistrar.drift.RegistrationRuleTest.C;
import static com.tenantregistrar.drift.RegistrationRuleTest.EAST;
import static com.tenantregistrar.drift.RegistrationRuleTest.WEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.drift.DriftReport.Reason;
import com.tenantregistrar.drift.Manifest.DesiredCustomer;
import com.tenantregistrar.drift.PlannedWrite.Kind;
import com.tenantregistrar.error.ErrorBody;
import com.tenantregistrar.registration.RegisteredCustomer;

/**
 * Partner Center as the desired state, alone and overridden by the manifest, through the comparison and the plan:
 * no HTTP, no ARM.
 */
class PartnerCenterPlanTest {

    static final String T1 = "aaaaaaaa-0000-4000-8000-000000000001";
    static final String T2 = "aaaaaaaa-0000-4000-8000-000000000002";
    static final String T3 = "aaaaaaaa-0000-4000-8000-000000000003";
    static final String D = "0000000d-0000-4000-8000-000000000000";
    static final String E = "0000000e-0000-4000-8000-000000000000";

    private static final PartnerCenterSummary COMPLETE = new PartnerCenterSummary(3, 4, true, null, null, null, null,
            null);
    private static final PartnerCenterSummary INCOMPLETE = new PartnerCenterSummary(1, 1, false,
            new ErrorBody("PartnerCenterUnavailable", "page 2 of the customers failed"), null, null, null, Reason.PARTNER_CENTER_INCOMPLETE);

    /** T1 has A; T2 has B and C, neither registered; T3 has D. East holds A and E (not in Partner Center). */
    private static final Map<String, List<String>> CANDIDATES = new LinkedHashMap<>(Map.of(T1, List.of(A),
            T2, List.of(B, C), T3, List.of(D)));
    private static final List<Holdings> HOLDINGS = List.of(Holdings.read(EAST, Map.of(A, T1, E, T3)),
            Holdings.read(WEST, Map.of()));

    private static PartnerCenterDesiredState partnerCenter(PartnerCenterSummary summary) {
        return PartnerCenterDesiredState.of(CANDIDATES, summary, HOLDINGS, List.of(EAST, WEST));
    }

    private static List<RegisteredCustomer> sorted(List<RegisteredCustomer> customers) {
        return customers.stream().sorted(Comparator.comparing(RegisteredCustomer::registration)
                .thenComparing(RegisteredCustomer::customerSubscriptionId)).toList();
    }

    @Test
    void eachChosenSubscriptionBelongsEverywhereAndWhatPartnerCenterLacksIsUnexpected() {
        DriftComparison comparison = DriftComparison.of(Optional.of(partnerCenter(COMPLETE)), HOLDINGS);

        assertEquals(sorted(List.of(new RegisteredCustomer("east", D, T3), new RegisteredCustomer("west", A, T1),
                new RegisteredCustomer("west", D, T3))), sorted(comparison.missing()));
        assertEquals(List.of(new RegisteredCustomer("east", E, T3)), comparison.unexpected());
        assertEquals(List.of(new AmbiguousTenant(T2, List.of(B, C))), comparison.ambiguous());
        assertFalse(comparison.inSync());
        assertEquals(COMPLETE, comparison.partnerCenter());

        // T3's chosen D replaces E on east (one subscription per tenant): a destructive write, E not removed besides.
        List<PlannedWrite> plan = ReconcilePlan.of(comparison);
        assertEquals(new PlannedWrite(Kind.REPLACE, "east", D, T3, null, E), plan.get(plan.size() - 1),
                "a complete read plans the replacement (the policy and the budget weigh it as it is made)");
        assertTrue(plan.stream().noneMatch(w -> w.kind() == Kind.REMOVE));
    }

    @Test
    void anAmbiguousTenantsRegisteredCandidatesAreNeitherMissingNorUnexpected() {
        List<Holdings> holdings = List.of(Holdings.read(EAST, Map.of(B, T2)), Holdings.read(WEST, Map.of(C, T2)));
        DriftComparison comparison = DriftComparison.of(Optional.of(PartnerCenterDesiredState.of(
                Map.of(T2, List.of(B, C)), COMPLETE, holdings, List.of(EAST, WEST))), holdings);
        assertEquals(List.of(), comparison.missing());
        assertEquals(List.of(), comparison.unexpected());
        assertEquals(List.of(new AmbiguousTenant(T2, List.of(B, C))), comparison.ambiguous());
    }

    @Test
    void anIncompleteReadHoldsEveryRemovalAndRewriteButStillRegistersAndFailsTheRun() {
        List<Holdings> holdings = List.of(Holdings.read(EAST, Map.of(A, T2, E, T3)), Holdings.read(WEST, Map.of()));
        DriftComparison comparison = DriftComparison.of(Optional.of(PartnerCenterDesiredState.of(
                Map.of(T1, List.of(A)), INCOMPLETE, holdings, List.of(EAST, WEST))), holdings);

        List<PlannedWrite> plan = ReconcilePlan.of(comparison);
        assertEquals(List.of(new PlannedWrite(Kind.REGISTER, "west", A, T1, null),
                new PlannedWrite(Kind.REWRITE, "east", A, T1, Reason.PARTNER_CENTER_INCOMPLETE),
                new PlannedWrite(Kind.REMOVE, "east", E, null, Reason.PARTNER_CENTER_INCOMPLETE)), plan);
        assertEquals(503, comparison.readFailures().get(0).status());
        assertEquals("PartnerCenterUnavailable", comparison.readFailures().get(0).code());
    }

    @Test
    void aCompleteGenerationOlderThanTheMaximumAgeHoldsRemovalsAndRewritesAsTooOld() {
        PartnerCenterSummary tooOld = new PartnerCenterSummary(1, 1, false, null, 3L, "1/4", null,
                Reason.PARTNER_CENTER_TOO_OLD);
        List<Holdings> holdings = List.of(Holdings.read(EAST, Map.of(A, T2, E, T3)), Holdings.read(WEST, Map.of()));
        DriftComparison comparison = DriftComparison.of(Optional.of(PartnerCenterDesiredState.of(
                Map.of(T1, List.of(A)), tooOld, holdings, List.of(EAST, WEST))), holdings);

        assertEquals(List.of(new PlannedWrite(Kind.REGISTER, "west", A, T1, null),
                new PlannedWrite(Kind.REWRITE, "east", A, T1, Reason.PARTNER_CENTER_TOO_OLD),
                new PlannedWrite(Kind.REMOVE, "east", E, null, Reason.PARTNER_CENTER_TOO_OLD)),
                ReconcilePlan.of(comparison));
        assertEquals(List.of(), comparison.readFailures(), "a walk only cut by its budget is no failure");
    }

    @Test
    void additionsOnlyPlansNoRewriteOrRemoval() {
        List<Holdings> holdings = List.of(Holdings.read(EAST, Map.of(A, T2, E, T3)), Holdings.read(WEST, Map.of()));
        DriftComparison comparison = DriftComparison.of(Optional.of(PartnerCenterDesiredState.of(
                Map.of(T1, List.of(A)), COMPLETE, holdings, List.of(EAST, WEST))), holdings);
        assertEquals(List.of(new PlannedWrite(Kind.REGISTER, "west", A, T1, null)),
                ReconcilePlan.additions(comparison));
    }

    @Test
    void theManifestPinsATenantsSubscriptionAndRegistrationsAndExcludesAnother() {
        // T2 (ambiguous in Partner Center) pinned to C on west only; T3 excluded.
        Manifest manifest = new Manifest(List.of(new DesiredCustomer(C, T2, List.of(WEST))), Set.of(T3));
        DesiredState desired = new ManifestOverrides(manifest, partnerCenter(COMPLETE));

        assertEquals(Map.of(A, T1), desired.expectedOn(EAST));
        assertEquals(Map.of(A, T1, C, T2), desired.expectedOn(WEST));
        assertEquals(List.of(), desired.ambiguous());
        assertTrue(desired.complete());

        DriftComparison comparison = DriftComparison.of(Optional.of(desired), HOLDINGS);
        assertEquals(sorted(List.of(new RegisteredCustomer("west", A, T1), new RegisteredCustomer("west", C, T2))),
                sorted(comparison.missing()));
        assertEquals(List.of(new RegisteredCustomer("east", E, T3)), comparison.unexpected(),
                "an excluded tenant belongs on no registration");
    }

    @Test
    void overridesKeepPartnerCentersIncompleteness() {
        DesiredState desired = new ManifestOverrides(new Manifest(List.of()), partnerCenter(INCOMPLETE));
        assertFalse(desired.complete());
        assertEquals(Optional.of(INCOMPLETE), desired.partnerCenter());
    }
}
