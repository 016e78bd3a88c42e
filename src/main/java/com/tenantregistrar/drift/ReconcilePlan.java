package com.tenantregistrar.drift;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.tenantregistrar.drift.DriftReport.Reason;
import com.tenantregistrar.drift.DriftReport.TenantMismatch;
import com.tenantregistrar.drift.PlannedWrite.Kind;
import com.tenantregistrar.registration.RegisteredCustomer;

/**
 * The writes that repair a comparison, in the order they are made: registrations first (they only add billing; the
 * longest missing first), then replacements (a missing subscription whose tenant holds another one on the
 * registration: ARM unmaps that one), tenant rewrites and removals. Those change who is billed: none is made when
 * the desired state is incomplete (a Partner Center read that did not finish, or one too old to decide on), none
 * unmaps a subscription Partner Center lists as inactive, and the rest go through the {@link RemovalPolicy} and the
 * {@link RemovalBudget} as the executor makes them; none touches a tenant whose customer the Partner Center walk
 * stepped over (undecided). A subscription that a replacement or rewrite unmaps is not removed besides. Pure: no
 * ARM, no clock.
 */
public final class ReconcilePlan {

    private ReconcilePlan() {
    }

    /** The ordered writes for {@code comparison}, destructive ones held when it is incomplete. */
    public static List<PlannedWrite> of(DriftComparison comparison) {
        return of(comparison, Map.of());
    }

    /**
     * The ordered writes for {@code comparison}, destructive ones held when it is incomplete, and the additions
     * oldest-missing first by {@code missingSince} (those it does not know last, in the comparison's order): what an
     * earlier run could not write before its deadline goes first in the next.
     */
    public static List<PlannedWrite> of(DriftComparison comparison, Map<RegisteredCustomer, Instant> missingSince) {
        List<PlannedWrite> writes = new ArrayList<>(oldestFirst(comparison, missingSince));
        Reason hold = hold(comparison);
        Set<List<String>> unmapped = new HashSet<>();
        for (RegisteredCustomer m : comparison.missing()) {
            String replaced = comparison.displacedBy(m.registration(), m.customerSubscriptionId());
            if (replaced != null) {
                unmapped.add(List.of(m.registration(), replaced));
                writes.add(new PlannedWrite(Kind.REPLACE, m.registration(), m.customerSubscriptionId(), m.tenantId(),
                        undecided(comparison, hold(comparison, hold, m.registration(), replaced), m.tenantId()),
                        replaced));
            }
        }
        for (TenantMismatch m : comparison.tenantMismatch()) {
            String replaced = comparison.displacedBy(m.registration(), m.customerSubscriptionId());
            if (replaced != null) {
                unmapped.add(List.of(m.registration(), replaced));
            }
            writes.add(new PlannedWrite(Kind.REWRITE, m.registration(), m.customerSubscriptionId(),
                    m.expectedTenantId(), undecided(comparison, replaced == null ? hold
                            : hold(comparison, hold, m.registration(), replaced), m.expectedTenantId(),
                            m.actualTenantId()), replaced));
        }
        for (RegisteredCustomer u : comparison.unexpected()) {
            if (!unmapped.contains(List.of(u.registration(), u.customerSubscriptionId()))) {
                writes.add(new PlannedWrite(Kind.REMOVE, u.registration(), u.customerSubscriptionId(), null,
                        undecided(comparison, hold, u.tenantId())));
            }
        }
        return List.copyOf(writes);
    }

    /**
     * Only the registrations of the missing that unmap nothing: what the webhook's one-customer reconcile makes (one
     * event is no view of the whole estate, so it never replaces).
     */
    public static List<PlannedWrite> additions(DriftComparison comparison) {
        return comparison.missing().stream()
                .filter(m -> comparison.displacedBy(m.registration(), m.customerSubscriptionId()) == null)
                .map(m -> new PlannedWrite(Kind.REGISTER, m.registration(), m.customerSubscriptionId(), m.tenantId(),
                        null))
                .toList();
    }

    private static List<PlannedWrite> oldestFirst(DriftComparison comparison,
            Map<RegisteredCustomer, Instant> missingSince) {
        Map<List<String>, Instant> since = new HashMap<>();
        missingSince.forEach((m, at) -> since.put(List.of(m.registration(), m.customerSubscriptionId()), at));
        // A stable sort: among equals, the comparison's order.
        return additions(comparison).stream().sorted(Comparator.comparing(
                (PlannedWrite w) -> since.getOrDefault(List.of(w.registration(), w.customerSubscriptionId()),
                        Instant.MAX))).toList();
    }

    /** {@code hold}, or when there is none and the write touches an undecided tenant, {@code partnerCenterUndecided}. */
    private static Reason undecided(DriftComparison comparison, Reason hold, String... tenants) {
        if (hold != null) {
            return hold;
        }
        for (String tenant : tenants) {
            if (comparison.undecided(tenant)) {
                return Reason.PARTNER_CENTER_UNDECIDED;
            }
        }
        return null;
    }

    /** A write that unmaps {@code replaced}: held as the run's destructive writes are, and when it is inactive. */
    private static Reason hold(DriftComparison comparison, Reason runHold, String registration, String replaced) {
        return runHold != null ? runHold : comparison.inactive(registration, replaced) ? Reason.INACTIVE : null;
    }

    private static Reason hold(DriftComparison comparison) {
        if (comparison.complete()) {
            return null;
        }
        return comparison.partnerCenter() == null ? Reason.PARTNER_CENTER_INCOMPLETE : comparison.partnerCenter().hold();
    }
}
