package com.tenantregistrar.drift;

import java.util.ArrayList;
import java.util.List;

import com.tenantregistrar.drift.DriftReport.Reason;
import com.tenantregistrar.drift.DriftReport.TenantMismatch;
import com.tenantregistrar.drift.PlannedWrite.Kind;
import com.tenantregistrar.registration.RegisteredCustomer;

/**
 * The writes that repair a comparison, in the order they are made: registrations first (they only add billing),
 * then tenant rewrites, then removals. Rewrites and removals change who is billed: none is made when the desired
 * state is incomplete (a Partner Center read that did not finish, or one too old to decide on), and the rest go
 * through the {@link RemovalPolicy} and the {@link RemovalBudget} as the executor makes them. Pure: no ARM, no
 * clock.
 */
public final class ReconcilePlan {

    private ReconcilePlan() {
    }

    /** The ordered writes for {@code comparison}, destructive ones held when it is incomplete. */
    public static List<PlannedWrite> of(DriftComparison comparison) {
        List<PlannedWrite> writes = new ArrayList<>(additions(comparison));
        Reason hold = hold(comparison);
        for (TenantMismatch m : comparison.tenantMismatch()) {
            writes.add(new PlannedWrite(Kind.REWRITE, m.registration(), m.customerSubscriptionId(),
                    m.expectedTenantId(), hold));
        }
        for (RegisteredCustomer u : comparison.unexpected()) {
            writes.add(new PlannedWrite(Kind.REMOVE, u.registration(), u.customerSubscriptionId(), null, hold));
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

    private static Reason hold(DriftComparison comparison) {
        if (comparison.complete()) {
            return null;
        }
        return comparison.partnerCenter() == null ? Reason.PARTNER_CENTER_INCOMPLETE : comparison.partnerCenter().hold();
    }
}
