package com.tenantregistrar.telemetry;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.tenantregistrar.drift.DriftReport;

/**
 * What a drift report's gauges say: per registration that the run could read, its missing, unexpected, held and
 * inactive counts and since when its longest-missing customer has been missing; and the ambiguous tenants. A
 * registration the run could not read is left out: its figures are not known, which is not zero.
 *
 * @param registrations per readable registration, in the report's order
 * @param ambiguous tenants with several active Azure subscriptions
 */
public record DriftFigures(Map<String, Registration> registrations, int ambiguous) {

    /** No run yet. */
    public static final DriftFigures NONE = new DriftFigures(Map.of(), 0);

    /**
     * One registration's figures.
     *
     * @param oldestMissingSince when a check first saw its longest-missing customer missing; null when none is
     *        missing or the drift memory (state storage) is off
     */
    public record Registration(int missing, int unexpected, int held, int inactive, Instant oldestMissingSince) {
    }

    /** The figures of {@code report}. */
    public static DriftFigures of(DriftReport report) {
        Map<String, Registration> registrations = new LinkedHashMap<>();
        report.registrations().stream().filter(r -> r.error() == null).map(DriftReport.RegistrationSummary::registration)
                .forEach(alias -> registrations.put(alias, new Registration(
                        (int) report.missing().stream().filter(m -> alias.equals(m.registration())).count(),
                        (int) report.unexpected().stream().filter(u -> alias.equals(u.registration())).count(),
                        (int) report.actions().stream()
                                .filter(a -> alias.equals(a.registration()) && "held".equals(a.status())).count(),
                        (int) report.inactive().stream().filter(i -> alias.equals(i.registration())).count(),
                        report.missing().stream().filter(m -> alias.equals(m.registration()))
                                .map(DriftReport.Missing::since).filter(Objects::nonNull).map(Instant::parse)
                                .min(Instant::compareTo).orElse(null))));
        return new DriftFigures(Map.copyOf(registrations), report.ambiguous().size());
    }
}
