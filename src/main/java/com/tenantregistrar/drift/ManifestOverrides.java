package com.tenantregistrar.drift;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.tenantregistrar.registration.Registration;

/**
 * The manifest as per-tenant overrides on Partner Center: a tenant the manifest names gets exactly what the
 * manifest says (its pinned subscriptions on their registrations, or nothing when excluded with
 * {@code "registrations": []}); every other tenant gets what Partner Center gives.
 *
 * @param manifest the operator's overrides
 * @param fromPartnerCenter what Partner Center gives
 */
public record ManifestOverrides(Manifest manifest, DesiredState fromPartnerCenter) implements DesiredState {

    @Override
    public Map<String, String> expectedOn(Registration registration) {
        Set<String> overridden = manifest.tenants();
        Map<String, String> expected = new LinkedHashMap<>();
        fromPartnerCenter.expectedOn(registration).forEach((subscription, tenant) -> {
            if (!overridden.contains(tenant)) {
                expected.put(subscription, tenant);
            }
        });
        expected.putAll(manifest.expectedOn(registration));
        return expected;
    }

    @Override
    public List<AmbiguousTenant> ambiguous() {
        Set<String> overridden = manifest.tenants();
        return fromPartnerCenter.ambiguous().stream().filter(a -> !overridden.contains(a.tenantId())).toList();
    }

    /** Those of the tenants the manifest does not name: an operator's exclusion lets an inactive one go. */
    @Override
    public Map<String, Inactive> inactive() {
        Set<String> overridden = manifest.tenants();
        Map<String, Inactive> kept = new LinkedHashMap<>(fromPartnerCenter.inactive());
        kept.values().removeIf(inactive -> overridden.contains(inactive.tenantId()));
        return kept;
    }

    /** Those the manifest does not name: for a tenant it names, the operator decided. */
    @Override
    public Set<String> undecided() {
        Set<String> overridden = manifest.tenants();
        return fromPartnerCenter.undecided().stream().filter(tenant -> !overridden.contains(tenant))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public Optional<PartnerCenterSummary> partnerCenter() {
        return fromPartnerCenter.partnerCenter();
    }
}
