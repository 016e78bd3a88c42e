package com.tenantregistrar.drift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.tenantregistrar.drift.DriftReport.RegistrationSummary;
import com.tenantregistrar.drift.DriftReport.TenantMismatch;
import com.tenantregistrar.error.ErrorBody;
import com.tenantregistrar.error.RegistrarException;
import com.tenantregistrar.registration.RegisteredCustomer;

/**
 * What the registrations hold against what they should hold: against the manifest, or without one against each
 * other (a customer on one registration is expected on all). Pure: no ARM, no clock.
 *
 * @param missing customers that should be registered and are not
 * @param unexpected customers registered that the manifest does not put there (only with a manifest)
 * @param tenantMismatch customers registered with another tenant than the manifest's (only with a manifest)
 * @param registrations per registration: registered, expected, or why it could not be read
 * @param readFailures why registrations could not be read
 */
public record DriftComparison(List<RegisteredCustomer> missing, List<RegisteredCustomer> unexpected,
        List<TenantMismatch> tenantMismatch, List<RegistrationSummary> registrations,
        List<RegistrarException> readFailures) {

    /** Compares {@code holdings} (in the registrations' order) with {@code desired}. */
    public static DriftComparison of(Optional<DesiredState> desired, List<Holdings> holdings) {
        List<RegisteredCustomer> missing = new ArrayList<>();
        List<RegisteredCustomer> unexpected = new ArrayList<>();
        List<TenantMismatch> mismatches = new ArrayList<>();
        List<RegistrationSummary> summaries = new ArrayList<>();
        Map<String, String> everywhere = union(holdings);

        for (Holdings h : holdings) {
            String alias = h.registration().alias();
            if (h.failure() != null) {
                summaries.add(new RegistrationSummary(alias, null,
                        desired.map(d -> d.expectedOn(h.registration()).size()).orElse(null), ErrorBody.of(h.failure())));
                continue;
            }
            Map<String, String> expected = desired.map(d -> d.expectedOn(h.registration())).orElse(everywhere);
            expected.forEach((subscription, tenant) -> {
                String actual = h.customers().get(subscription);
                if (actual == null) {
                    missing.add(new RegisteredCustomer(alias, subscription, tenant));
                } else if (desired.isPresent() && !actual.equals(tenant)) {
                    mismatches.add(new TenantMismatch(alias, subscription, tenant, actual));
                }
            });
            if (desired.isPresent()) {
                h.customers().forEach((subscription, tenant) -> {
                    if (!expected.containsKey(subscription)) {
                        unexpected.add(new RegisteredCustomer(alias, subscription, tenant));
                    }
                });
            }
            summaries.add(new RegistrationSummary(alias, h.customers().size(),
                    desired.isPresent() ? expected.size() : null, null));
        }
        List<RegistrarException> failures = holdings.stream().map(Holdings::failure).filter(Objects::nonNull).toList();
        return new DriftComparison(List.copyOf(missing), List.copyOf(unexpected), List.copyOf(mismatches),
                List.copyOf(summaries), failures);
    }

    /** Whether every registration could be read and holds what it should. */
    public boolean inSync() {
        return missing.isEmpty() && unexpected.isEmpty() && tenantMismatch.isEmpty() && readFailures.isEmpty();
    }

    /** Without a manifest, a customer on one registration is expected on all of them. */
    private static Map<String, String> union(List<Holdings> holdings) {
        Map<String, String> all = new LinkedHashMap<>();
        holdings.forEach(h -> h.customers().forEach(all::putIfAbsent));
        return all;
    }
}
