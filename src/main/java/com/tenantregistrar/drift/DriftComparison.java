package com.tenantregistrar.drift;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.tenantregistrar.drift.DriftReport.Inactive;
import com.tenantregistrar.drift.DriftReport.RegistrationSummary;
import com.tenantregistrar.drift.DriftReport.TenantMismatch;
import com.tenantregistrar.error.ErrorBody;
import com.tenantregistrar.error.RegistrarException;
import com.tenantregistrar.registration.RegisteredCustomer;

/**
 * What the registrations hold against what they should hold: against the desired state, or without one against
 * each other (a customer on one registration is expected on all). Pure: no ARM, no clock.
 *
 * @param missing customers that should be registered and are not
 * @param registered customers registered as they should be (with the tenant they should have): with a desired state,
 *        or without one, those registered everywhere
 * @param unexpected customers registered that the desired state does not put there (only with one)
 * @param inactive customers registered whose subscription Partner Center lists as inactive: kept, never unexpected
 * @param displaced (registration, customer subscription) of a missing or mismatched entry to the subscription that
 *        its PUT would unmap there: the one its tenant holds on that registration now (one per tenant)
 * @param tenantMismatch customers registered with another tenant than the desired state's (only with one)
 * @param ambiguous tenants whose subscription the desired state could not choose: their candidates are neither
 *        missing nor unexpected
 * @param registrations per registration: registered, expected, or why it could not be read
 * @param partnerCenter what the Partner Center read found, or {@code null} when Partner Center is no source
 * @param complete whether the desired state is complete, so that what it leaves out may be removed
 * @param readFailures why registrations, or Partner Center, could not be read in full
 * @param undecided tenants whose customer the Partner Center walk stepped over: nothing of theirs is removed or
 *        rewritten
 */
public record DriftComparison(List<RegisteredCustomer> missing, List<RegisteredCustomer> registered,
        List<RegisteredCustomer> unexpected,
        List<Inactive> inactive, Map<List<String>, String> displaced, List<TenantMismatch> tenantMismatch, List<AmbiguousTenant> ambiguous, List<RegistrationSummary> registrations,
        PartnerCenterSummary partnerCenter, boolean complete, List<RegistrarException> readFailures,
        List<String> undecided) {

    /** Compares {@code holdings} (in the registrations' order) with {@code desired}. */
    public static DriftComparison of(Optional<DesiredState> desired, List<Holdings> holdings) {
        List<RegisteredCustomer> missing = new ArrayList<>();
        List<RegisteredCustomer> registered = new ArrayList<>();
        List<RegisteredCustomer> unexpected = new ArrayList<>();
        List<Inactive> inactive = new ArrayList<>();
        Map<List<String>, String> displaced = new LinkedHashMap<>();
        Map<String, DesiredState.Inactive> kept = desired.map(DesiredState::inactive).orElse(Map.of());
        List<TenantMismatch> mismatches = new ArrayList<>();
        List<RegistrationSummary> summaries = new ArrayList<>();
        Map<String, String> everywhere = union(holdings);
        List<AmbiguousTenant> ambiguous = desired.map(DesiredState::ambiguous).orElse(List.of());
        Set<String> undecided = ambiguous.stream().flatMap(a -> a.candidates().stream()).collect(Collectors.toSet());

        for (Holdings h : holdings) {
            String alias = h.registration().alias();
            if (h.failure() != null) {
                summaries.add(new RegistrationSummary(alias, null,
                        desired.map(d -> d.expectedOn(h.registration()).size()).orElse(null), ErrorBody.of(h.failure())));
                continue;
            }
            Map<String, String> expected = desired.map(d -> d.expectedOn(h.registration())).orElse(everywhere);
            Map<String, String> byTenant = new LinkedHashMap<>();
            h.customers().forEach((subscription, tenant) -> byTenant.putIfAbsent(tenant, subscription));
            expected.forEach((subscription, tenant) -> {
                String actual = h.customers().get(subscription);
                if (actual == null) {
                    missing.add(new RegisteredCustomer(alias, subscription, tenant));
                } else if (desired.isPresent() && !actual.equals(tenant)) {
                    mismatches.add(new TenantMismatch(alias, subscription, tenant, actual));
                } else {
                    registered.add(new RegisteredCustomer(alias, subscription, actual));
                }
                String holder = byTenant.get(tenant);
                if ((actual == null || !actual.equals(tenant)) && holder != null && !holder.equals(subscription)) {
                    displaced.put(List.of(alias, subscription), holder);
                }
            });
            if (desired.isPresent()) {
                h.customers().forEach((subscription, tenant) -> {
                    if (expected.containsKey(subscription) || undecided.contains(subscription)) {
                        return;
                    }
                    DesiredState.Inactive status = kept.get(subscription);
                    if (status != null) {
                        inactive.add(new Inactive(alias, subscription, tenant, status.status()));
                    } else {
                        unexpected.add(new RegisteredCustomer(alias, subscription, tenant));
                    }
                });
            }
            summaries.add(new RegistrationSummary(alias, h.customers().size(),
                    desired.isPresent() ? expected.size() : null, null));
        }
        PartnerCenterSummary partnerCenter = desired.flatMap(DesiredState::partnerCenter).orElse(null);
        List<RegistrarException> failures = new ArrayList<>();
        holdings.stream().map(Holdings::failure).filter(Objects::nonNull).forEach(failures::add);
        if (partnerCenter != null && !partnerCenter.complete() && partnerCenter.error() != null) {
            failures.add(partnerCenter.failure());
        }
        return new DriftComparison(List.copyOf(missing), List.copyOf(registered), List.copyOf(unexpected), List.copyOf(inactive),
                Collections.unmodifiableMap(displaced), List.copyOf(mismatches), ambiguous,
                List.copyOf(summaries), partnerCenter, desired.map(DesiredState::complete).orElse(true),
                List.copyOf(failures), List.copyOf(desired.map(DesiredState::undecided).orElse(Set.of())));
    }

    /** Whether everything could be read, holds what it should, and no tenant is ambiguous or undecided. */
    public boolean inSync() {
        return missing.isEmpty() && unexpected.isEmpty() && tenantMismatch.isEmpty() && ambiguous.isEmpty()
                && readFailures.isEmpty() && undecided.isEmpty();
    }

    /** Whether a write touching {@code tenantId} would be decided on a customer the walk stepped over. */
    public boolean undecided(String tenantId) {
        return tenantId != null && undecided.contains(tenantId);
    }

    /**
     * The tenant {@code customerSubscriptionId} is registered with on {@code registration} when a rewrite or a
     * removal is planned for it (the tenant it replaces or removes), else {@code null}.
     */
    public String registeredTenant(String registration, String customerSubscriptionId) {
        return tenantMismatch.stream()
                .filter(m -> m.registration().equals(registration)
                        && m.customerSubscriptionId().equals(customerSubscriptionId))
                .map(TenantMismatch::actualTenantId)
                .findFirst()
                .orElseGet(() -> unexpected.stream()
                        .filter(u -> u.registration().equals(registration)
                                && u.customerSubscriptionId().equals(customerSubscriptionId))
                        .map(RegisteredCustomer::tenantId).findFirst().orElse(null));
    }

    /** The subscription a PUT of {@code customerSubscriptionId} on {@code registration} would unmap, or null. */
    public String displacedBy(String registration, String customerSubscriptionId) {
        return displaced.get(List.of(registration, customerSubscriptionId));
    }

    /** Whether Partner Center lists {@code customerSubscriptionId}, registered on {@code registration}, as inactive. */
    public boolean inactive(String registration, String customerSubscriptionId) {
        return inactive.stream().anyMatch(i -> i.registration().equals(registration)
                && i.customerSubscriptionId().equals(customerSubscriptionId));
    }

    /** Without a manifest, a customer on one registration is expected on all of them. */
    private static Map<String, String> union(List<Holdings> holdings) {
        Map<String, String> all = new LinkedHashMap<>();
        holdings.forEach(h -> h.customers().forEach(all::putIfAbsent));
        return all;
    }
}
