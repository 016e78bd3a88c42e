package com.tenantregistrar.driftreports;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.tenantregistrar.drift.DriftReport;

/**
 * One kept drift run as {@code listDriftRuns} lists it, read from its blob's metadata (so that a listing reads no
 * report).
 *
 * @param time when the run started
 * @param link the URL of its whole report ({@code driftRun?id=})
 */
public record DriftRunSummary(String time, String runId, String mode, String trigger, String outcome, boolean inSync,
        Counts counts, String link) {

    /** The figures of the report: how many entries each list holds, and the writes by status. */
    public record Counts(int missing, int unexpected, int inactive, int tenantMismatch, int ambiguous, int actions,
            int failed, int skipped, int held) {

        static Counts of(DriftReport report) {
            return new Counts(report.missing().size(), report.unexpected().size(), report.inactive().size(),
                    report.tenantMismatch().size(), report.ambiguous().size(), report.actions().size(),
                    status(report, "failed"), status(report, "skipped"), status(report, "held"));
        }

        private static int status(DriftReport report, String status) {
            return (int) report.actions().stream().filter(action -> status.equals(action.status())).count();
        }
    }

    /** The blob metadata that carries the summary of {@code run} (names lower case, as the service keeps them). */
    static Map<String, String> metadata(KeptDriftRun run) {
        Counts counts = Counts.of(run.report());
        Map<String, String> metadata = new HashMap<>();
        metadata.put("runid", run.runId());
        metadata.put("time", run.startedAt());
        metadata.put("mode", run.report().mode());
        metadata.put("trigger", run.trigger());
        metadata.put("outcome", run.outcome());
        metadata.put("insync", Boolean.toString(run.report().inSync()));
        metadata.put("missing", Integer.toString(counts.missing()));
        metadata.put("unexpected", Integer.toString(counts.unexpected()));
        metadata.put("inactive", Integer.toString(counts.inactive()));
        metadata.put("tenantmismatch", Integer.toString(counts.tenantMismatch()));
        metadata.put("ambiguous", Integer.toString(counts.ambiguous()));
        metadata.put("actions", Integer.toString(counts.actions()));
        metadata.put("failed", Integer.toString(counts.failed()));
        metadata.put("skipped", Integer.toString(counts.skipped()));
        metadata.put("held", Integer.toString(counts.held()));
        return metadata;
    }

    /** The summary that {@code metadata} (as {@link #metadata} wrote it) carries, linked as {@code link}. */
    static DriftRunSummary of(Map<String, String> metadata, String link) {
        Map<String, String> m = new HashMap<>();
        metadata.forEach((key, value) -> m.put(key.toLowerCase(Locale.ROOT), value));
        return new DriftRunSummary(m.get("time"), m.get("runid"), m.get("mode"), m.get("trigger"), m.get("outcome"),
                Boolean.parseBoolean(m.get("insync")), new Counts(count(m, "missing"), count(m, "unexpected"),
                        count(m, "inactive"), count(m, "tenantmismatch"), count(m, "ambiguous"), count(m, "actions"),
                        count(m, "failed"), count(m, "skipped"), count(m, "held")), link);
    }

    private static int count(Map<String, String> metadata, String name) {
        try {
            return Integer.parseInt(metadata.getOrDefault(name, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
