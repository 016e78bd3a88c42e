package com.tenantregistrar.drift;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.tenantregistrar.error.ErrorBody;
import com.tenantregistrar.error.RegistrarException;
import com.tenantregistrar.partnercenter.CustomerFailure;
import com.tenantregistrar.partnercenter.PartnerCenterSnapshot;

/**
 * The report's {@code partnerCenter}: what the Partner Center read found and, with state storage, where its walk
 * stands.
 *
 * @param customers the customers known: read in this run, or with state storage those of the last complete
 *        generation updated with what the walk read since
 * @param azureSubscriptions the active Azure subscriptions of those customers
 * @param complete whether this run's walk read every customer (to the last)
 * @param error why the walk failed before the last customer; absent when complete, and when a resumable walk only
 *        spent REGISTRAR_PARTNER_CENTER_BUDGET (the next run goes on from there)
 * @param generation the generation walked in this run (state storage only)
 * @param coverage {@code seen/total}: that generation's customers read so far over the customers of the last
 *        complete generation ({@code ?} before the first completes; Partner Center gives no total)
 * @param resumedFrom how many customers of that generation earlier runs had read; absent when this run began it
 * @param hold why removals and tenant rewrites may not be decided against {@code customers} (no complete read, or
 *        only a complete generation older than REGISTRAR_PARTNER_CENTER_MAX_AGE); null when they may
 * @param restarted true when this run's walk started its generation again from the first customer, Partner Center
 *        having refused its continuation token; absent otherwise
 * @param skipped the customers the walk stepped over (their reads kept failing), with the last error; their
 *        tenants are undecided; absent when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartnerCenterSummary(int customers, int azureSubscriptions, boolean complete, ErrorBody error,
        Long generation, String coverage, Integer resumedFrom, @JsonIgnore DriftReport.Reason hold, Boolean restarted,
        List<CustomerFailure> skipped) {

    /** A summary of a walk that neither started again nor stepped over a customer. */
    public PartnerCenterSummary(int customers, int azureSubscriptions, boolean complete, ErrorBody error,
            Long generation, String coverage, Integer resumedFrom, DriftReport.Reason hold) {
        this(customers, azureSubscriptions, complete, error, generation, coverage, resumedFrom, hold, null, null);
    }

    /** The summary of {@code snapshot}, held for {@code hold} ({@link RemovalPolicy#partnerCenterHold}). */
    static PartnerCenterSummary of(PartnerCenterSnapshot snapshot, DriftReport.Reason hold) {
        PartnerCenterSnapshot.Progress progress = snapshot.progress();
        return new PartnerCenterSummary(snapshot.customerCount(), snapshot.azureSubscriptionCount(),
                snapshot.complete(), snapshot.error(), progress == null ? null : progress.generation(),
                progress == null ? null : progress.coverage(), progress == null ? null : progress.resumedFrom(), hold,
                snapshot.restarted() ? Boolean.TRUE : null, snapshot.skipped().isEmpty() ? null : snapshot.skipped());
    }

    /** The tenants of the customers the walk stepped over: undecided, so nothing of theirs is removed or rewritten. */
    @JsonIgnore
    Set<String> undecided() {
        return skipped == null ? Set.of() : skipped.stream().map(CustomerFailure::customerId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Whether removals and tenant rewrites may be decided against this read. */
    @JsonIgnore
    boolean decidable() {
        return hold == null;
    }

    /**
     * The failed read as the run's failure: 503, since the next run reads Partner Center again, so that the timer
     * answers non-2xx and the host records a failed run.
     */
    RegistrarException failure() {
        if (hold == DriftReport.Reason.PARTNER_CENTER_IMPLAUSIBLE) {
            return new RegistrarException(503, error.code(), error.message());
        }
        return new RegistrarException(503, error == null ? "PartnerCenterIncomplete" : error.code(),
                "Partner Center could not be read in full" + (decidable() ? "" : ", so nothing was removed or "
                        + "rewritten") + ": " + (error == null ? "no reason given" : error.message()));
    }
}
