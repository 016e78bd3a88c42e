package com.tenantregistrar.driftreports;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Which kept reports have outlived the retention: the pure decision behind the timer's clean-up. */
final class ReportRetention {

    private ReportRetention() {
    }

    /**
     * The names among {@code names} (the container's blobs) of reports whose run started before {@code cutoff},
     * never the newest report's, so that an app whose timer stopped for longer than the retention still shows its
     * last run. Blobs that are not kept reports are left alone.
     */
    static List<String> expired(List<String> names, Instant cutoff) {
        Optional<RunId> newest = names.stream().map(RunId::ofBlobName).flatMap(Optional::stream)
                .max(Comparator.comparing(RunId::start).thenComparing(RunId::value));
        return names.stream().filter(name -> RunId.ofBlobName(name)
                .filter(id -> id.start().isBefore(cutoff) && !id.equals(newest.get())).isPresent()).toList();
    }
}
