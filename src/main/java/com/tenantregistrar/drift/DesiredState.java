package com.tenantregistrar.drift;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.tenantregistrar.partnercenter.PartnerCenterSnapshot;
import com.tenantregistrar.registration.Registration;

/**
 * Who should be registered where. Its sources: the operator's manifest ({@link Manifest}), Partner Center
 * ({@link PartnerCenterDesiredState}), and the manifest as per-tenant overrides on Partner Center
 * ({@link ManifestOverrides}).
 */
public interface DesiredState {

    /**
     * The desired state of a run: Partner Center when it was read, overridden per tenant by the manifest when there
     * is one; else the manifest; else none (the drift check is then an inventory).
     *
     * @param holdings what the registrations hold, which the registration rule consults
     * @param registrations every configured registration
     * @param maxAge REGISTRAR_PARTNER_CENTER_MAX_AGE, how old a complete Partner Center generation may be decided on
     * @param now the run's clock
     */
    static Optional<DesiredState> of(Optional<Manifest> manifest, Optional<PartnerCenterSnapshot> snapshot,
            List<Holdings> holdings, List<Registration> registrations, Duration maxAge, Instant now) {
        if (snapshot.isEmpty()) {
            return manifest.map(DesiredState.class::cast);
        }
        DesiredState partnerCenter = PartnerCenterDesiredState.of(snapshot.get(), holdings, registrations,
                RemovalPolicy.partnerCenterHold(snapshot.get(), maxAge, now));
        return Optional.of(manifest.<DesiredState>map(m -> new ManifestOverrides(m, partnerCenter))
                .orElse(partnerCenter));
    }

    /** The customer subscriptions that should be on {@code registration}: subscription to tenant, lower case. */
    Map<String, String> expectedOn(Registration registration);

    /**
     * Tenants whose subscription cannot be chosen without guessing: nothing is expected for them, and their
     * candidates are neither missing nor unexpected.
     */
    default List<AmbiguousTenant> ambiguous() {
        return List.of();
    }

    /**
     * Azure subscriptions Partner Center lists as neither active nor gone (a suspended plan's, a disabled
     * entitlement): subscription to its tenant and status. Where registered they stay (neither unexpected nor
     * removed); where missing they are not added.
     */
    default Map<String, Inactive> inactive() {
        return Map.of();
    }

    /** An inactive Azure subscription: the customer's tenant and the status Partner Center gives it. */
    record Inactive(String tenantId, String status) {
    }

    /**
     * Tenants whose customer the Partner Center walk stepped over (its reads kept failing): whatever this state says
     * of them is no proof, so nothing of theirs is removed or rewritten ({@code partnerCenterUndecided}).
     */
    default Set<String> undecided() {
        return partnerCenter().map(PartnerCenterSummary::undecided).orElse(Set.of());
    }

    /** What the Partner Center read found, when Partner Center is a source. */
    default Optional<PartnerCenterSummary> partnerCenter() {
        return Optional.empty();
    }

    /**
     * Whether what this state leaves out may be taken to be unwanted. It may not without a complete Partner Center
     * read (this run's, or a generation younger than REGISTRAR_PARTNER_CENTER_MAX_AGE): a customer that could not be
     * read is not "not a customer", so removals and tenant rewrites are held.
     */
    default boolean complete() {
        return partnerCenter().map(PartnerCenterSummary::decidable).orElse(true);
    }
}
