package com.tenantregistrar.drift;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.tenantregistrar.error.RegistrarException;

/**
 * One drift check's report and whether the run is complete. It is not when a registration could not be read, a
 * write failed, or writes were skipped (throttling, the write cap, the deadline); what a budget held back by
 * design does not count.
 *
 * @param report what the run found and did
 * @param failure the most severe of what went wrong ({@link RegistrarException#severity()}), if anything did
 */
public record DriftRun(DriftReport report, Optional<RegistrarException> failure) {

    static DriftRun of(DriftReport report, List<RegistrarException> readFailures, List<RegistrarException> writeFailures) {
        return new DriftRun(report, Stream.concat(readFailures.stream(), writeFailures.stream())
                .max(Comparator.comparingInt(RegistrarException::severity)));
    }

    /** {@code answer}, or the failure with {@code answer} beside its error when the run is not complete. */
    public <T> T answer(T answer) {
        if (failure.isPresent()) {
            throw failure.get().withResult(answer);
        }
        return answer;
    }
}
