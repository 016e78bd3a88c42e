package com.tenantregistrar.driftreports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.tenantregistrar.drift.DriftReport;
import com.tenantregistrar.error.ErrorBody;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One drift run's whole report as it is answered and kept: which run, what triggered it, when, how it ended, where
 * its report is kept, and the report itself.
 *
 * @param runId the run's ID ({@link RunId}), also its answer's {@code x-registrar-drift-run-id} header
 * @param trigger {@code timer} ({@code driftCheck}) or {@code checkDrift}
 * @param startedAt when the run started (ISO-8601, UTC)
 * @param endedAt when its report was made
 * @param outcome {@code complete}, or {@code incomplete} (see {@code error}): a registration or Partner Center
 *        could not be read, or a write failed or was skipped
 * @param error why the run is incomplete
 * @param keptAs where the report is kept ({@code drift-reports/yyyy/MM/dd/HHmmss-<runId>.json}); absent when not
 * @param notKept why the report could not be kept; absent when it was
 * @param report what the run found and did
 */
@RegisterForReflection // written by Jackson outside Funqy too, into the kept blob
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeptDriftRun(String runId, String trigger, String startedAt, String endedAt, String outcome,
        ErrorBody error, String keptAs, String notKept, @JsonUnwrapped DriftReport report) {

    /** The same run, its report not kept for {@code why}. */
    KeptDriftRun notKeptBecause(String why) {
        return new KeptDriftRun(runId, trigger, startedAt, endedAt, outcome, error, null, why, report);
    }
}
