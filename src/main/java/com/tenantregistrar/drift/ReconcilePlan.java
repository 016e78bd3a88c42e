package com.tenantregistrar.drift;

import java.util.ArrayList;
import java.util.List;

import com.tenantregistrar.drift.DriftReport.Reason;
import com.tenantregistrar.drift.DriftReport.TenantMismatch;
import com.tenantregistrar.drift.PlannedWrite.Kind;
import com.tenantregistrar.registration.RegisteredCustomer;

/**
 * The writes that repair a comparison, in the order they are made: registrations first (they only add billing),
 * then tenant rewrites, then removals. Rewrites and removals change who is billed, so together they may use at
 * most {@code destructiveBudget} (the slots of REGISTRAR_DRIFT_MAX_REMOVALS free when the run began, see
 * {@link RemovalBudget}), and none is made when the desired state is
 * incomplete (a Partner Center read that did not finish); the rest are held. Pure: no ARM, no clock.
 */
public final class ReconcilePlan {

    private ReconcilePlan() {
    }

    /** The ordered writes for {@code comparison}, destructive ones held beyond {@code destructiveBudget}. */
    public static List<PlannedWrite> of(DriftComparison comparison, int destructiveBudget) {
        List<PlannedWrite> writes = new ArrayList<>(additions(comparison));
        int destructive = 0;
        for (TenantMismatch m : comparison.tenantMismatch()) {
            writes.add(new PlannedWrite(Kind.REWRITE, m.registration(), m.customerSubscriptionId(),
                    m.expectedTenantId(), hold(comparison, destructive++, destructiveBudget)));
        }
        for (RegisteredCustomer u : comparison.unexpected()) {
            writes.add(new PlannedWrite(Kind.REMOVE, u.registration(), u.customerSubscriptionId(), null,
                    hold(comparison, destructive++, destructiveBudget)));
        }
        return List.copyOf(writes);
    }

    /** Only the registrations of the missing: what the webhook's one-customer reconcile makes. */
    public static List<PlannedWrite> additions(DriftComparison comparison) {
        return comparison.missing().stream()
                .map(m -> new PlannedWrite(Kind.REGISTER, m.registration(), m.customerSubscriptionId(), m.tenantId(),
                        null))
                .toList();
    }

    private static Reason hold(DriftComparison comparison, int destructiveSoFar, int destructiveBudget) {
        if (!comparison.complete()) {
            return comparison.partnerCenter() == null ? Reason.PARTNER_CENTER_INCOMPLETE
                    : comparison.partnerCenter().hold();
        }
        return destructiveSoFar >= destructiveBudget ? Reason.REMOVAL_BUDGET : null;
    }
}
