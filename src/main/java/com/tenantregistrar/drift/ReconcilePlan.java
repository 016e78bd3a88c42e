package com.tenantregistrar.drift;

import java.util.ArrayList;
import java.util.List;

import com.tenantregistrar.drift.DriftReport.TenantMismatch;
import com.tenantregistrar.drift.PlannedWrite.Kind;
import com.tenantregistrar.registration.RegisteredCustomer;

/**
 * The writes that repair a comparison, in the order they are made: registrations first (they only add billing),
 * then tenant rewrites, then removals. Rewrites and removals change who is billed, so together they may use at
 * most {@code destructiveBudget} (REGISTRAR_DRIFT_MAX_REMOVALS); the rest are held. Pure: no ARM, no clock.
 */
public final class ReconcilePlan {

    private ReconcilePlan() {
    }

    /** The ordered writes for {@code comparison}, destructive ones beyond {@code destructiveBudget} held. */
    public static List<PlannedWrite> of(DriftComparison comparison, int destructiveBudget) {
        List<PlannedWrite> writes = new ArrayList<>();
        for (RegisteredCustomer m : comparison.missing()) {
            writes.add(new PlannedWrite(Kind.REGISTER, m.registration(), m.customerSubscriptionId(), m.tenantId(), false));
        }
        int destructive = 0;
        for (TenantMismatch m : comparison.tenantMismatch()) {
            writes.add(new PlannedWrite(Kind.REWRITE, m.registration(), m.customerSubscriptionId(),
                    m.expectedTenantId(), destructive++ >= destructiveBudget));
        }
        for (RegisteredCustomer u : comparison.unexpected()) {
            writes.add(new PlannedWrite(Kind.REMOVE, u.registration(), u.customerSubscriptionId(), null,
                    destructive++ >= destructiveBudget));
        }
        return List.copyOf(writes);
    }
}
