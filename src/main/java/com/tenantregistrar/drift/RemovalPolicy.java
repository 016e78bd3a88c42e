package com.tenantregistrar.drift;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.tenantregistrar.drift.DriftReport.Reason;
import com.tenantregistrar.partnercenter.PartnerCenterSnapshot;

/**
 * Whether the timer may remove an entry, rewrite its tenant or replace it, on the proof it has: the one place that
 * decides, pure (no I/O; the clock is an input). A destructive write needs all of:
 * <ul>
 * <li>a plausible basis: not an implausible Partner Center generation ({@code partnerCenterImplausible});</li>
 * <li>with Partner Center, a complete generation that began after the entry was first seen as it is now, which is
 * never before the app last wrote it nor before it was last expected ({@code recentlyWritten}): a customer
 * onboarded after a generation began is not in it, and must not be judged by it;</li>
 * <li>the entry unexpected without a break for the grace ({@code grace}, REGISTRAR_DRIFT_REMOVAL_GRACE): one
 * run's view, however complete, is not enough to take a customer off the bill.</li>
 * </ul>
 * Unknown is never proof: without the time the entry was first seen so (no state storage), only a manifest with
 * no grace lets it go.
 */
public final class RemovalPolicy {

    private RemovalPolicy() {
    }

    /**
     * What the run decides against.
     *
     * @param partnerCenter whether Partner Center is the source (else the operator's manifest)
     * @param generationStartedAt when the complete Partner Center generation behind the run began; null when none
     *        is known (no state storage)
     * @param implausible why that generation is not to be believed, or null when it is
     */
    public record Basis(boolean partnerCenter, Instant generationStartedAt, String implausible) {

        /** The operator's manifest: nothing to doubt but the grace. */
        public static final Basis MANIFEST = new Basis(false, null, null);
    }

    /**
     * Why nothing the Partner Center read leaves out may be removed or re-billed at all in this run, or null when it
     * may: a generation the walk dropped as implausible ({@code partnerCenterImplausible}); without state storage a
     * walk that did not read every customer, and with it no complete generation yet ({@code partnerCenterIncomplete});
     * a last complete generation that began longer ago than {@code maxAge}, REGISTRAR_PARTNER_CENTER_MAX_AGE
     * ({@code partnerCenterTooOld}).
     */
    public static Reason partnerCenterHold(PartnerCenterSnapshot snapshot, Duration maxAge, Instant now) {
        if (snapshot.implausible()) {
            return Reason.PARTNER_CENTER_IMPLAUSIBLE;
        }
        if (snapshot.progress() == null) {
            return snapshot.complete() ? null : Reason.PARTNER_CENTER_INCOMPLETE;
        }
        Instant begun = snapshot.generationStartedAt();
        if (begun == null) {
            return Reason.PARTNER_CENTER_INCOMPLETE;
        }
        return begun.isAfter(now.minus(maxAge)) ? null : Reason.PARTNER_CENTER_TOO_OLD;
    }

    /**
     * The basis of a run: the operator's manifest when Partner Center is no source; else the complete generation
     * behind {@code snapshot}, implausible when it holds no Azure subscription at all while the registrations hold
     * entries (one empty answer must not look like a partner without customers) or when the walk dropped it.
     */
    public static Basis basis(Optional<PartnerCenterSnapshot> snapshot, List<Holdings> holdings) {
        if (snapshot.isEmpty()) {
            return Basis.MANIFEST;
        }
        PartnerCenterSnapshot read = snapshot.get();
        long registered = holdings.stream().mapToLong(h -> h.customers().size()).sum();
        String implausible = read.implausible() ? read.error().message()
                : read.customers().isEmpty() && registered > 0 ? "Partner Center lists no customer with an Azure "
                        + "subscription (" + read.customerCount() + " customers read) while the registrations hold "
                        + registered + " entries; nothing is removed or rewritten against it." : null;
        return new Basis(true, read.generationStartedAt(), implausible);
    }

    /**
     * Whether the destructive write of an entry may be made now.
     *
     * @param since since when a check has seen the entry as it is now without a break; null when not known
     * @param grace REGISTRAR_DRIFT_REMOVAL_GRACE
     * @return empty when it may, else why it is held
     */
    public static Optional<Reason> hold(Basis basis, Instant since, Duration grace, Instant now) {
        if (basis.implausible() != null) {
            return Optional.of(Reason.PARTNER_CENTER_IMPLAUSIBLE);
        }
        if (basis.partnerCenter() && (since == null || basis.generationStartedAt() == null
                || !basis.generationStartedAt().isAfter(since))) {
            return Optional.of(Reason.RECENTLY_WRITTEN);
        }
        if (!grace.isZero() && (since == null || Duration.between(since, now).compareTo(grace) < 0)) {
            return Optional.of(Reason.GRACE);
        }
        return Optional.empty();
    }
}
