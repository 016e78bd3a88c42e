package com.tenantregistrar.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.tenantregistrar.drift.DriftRun;
import com.tenantregistrar.error.RegistrarException;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;

/**
 * The app's metrics ({@link MetricNames}), recorded at the edges that already see the events: the drift run's end,
 * the ARM call log, the change journal, the outbound pipelines ({@link CallMetricsPolicy}). The drift gauges report
 * the last run's figures until the next run replaces them. Every dimension is an alias, an action, an outcome, an
 * error code or a status: never a customer, a tenant, a key or a token.
 */
@ApplicationScoped
public class RegistrarMetrics {

    private static final AttributeKey<String> REGISTRATION = AttributeKey.stringKey(MetricNames.REGISTRATION);
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey(MetricNames.OUTCOME);
    private static final AttributeKey<String> REASON = AttributeKey.stringKey(MetricNames.REASON);
    private static final AttributeKey<String> TRIGGER = AttributeKey.stringKey(MetricNames.TRIGGER);
    private static final AttributeKey<String> ACTION = AttributeKey.stringKey(MetricNames.ACTION);
    private static final AttributeKey<String> SERVICE = AttributeKey.stringKey(MetricNames.SERVICE);
    private static final AttributeKey<String> STATUS = AttributeKey.stringKey(MetricNames.STATUS);

    private final AtomicReference<DriftFigures> lastRun = new AtomicReference<>(DriftFigures.NONE);
    private final AtomicReference<Instant> generationStartedAt = new AtomicReference<>();
    private final LongCounter driftRuns;
    private final LongCounter armWrites;
    private final LongCounter journalNotStored;
    private final LongCounter throttled;
    private final DoubleHistogram callDuration;

    @Inject
    public RegistrarMetrics(OpenTelemetry openTelemetry) {
        Meter meter = openTelemetry.getMeter(MetricNames.SCOPE);
        gauge(meter, MetricNames.DRIFT_MISSING, "customers missing", DriftFigures.Registration::missing);
        gauge(meter, MetricNames.DRIFT_UNEXPECTED, "customers registered that should not be",
                DriftFigures.Registration::unexpected);
        gauge(meter, MetricNames.DRIFT_HELD, "writes held back by design", DriftFigures.Registration::held);
        gauge(meter, MetricNames.DRIFT_INACTIVE, "registered customers inactive in Partner Center",
                DriftFigures.Registration::inactive);
        meter.gaugeBuilder(MetricNames.DRIFT_MISSING_AGE).ofLongs().setUnit("s")
                .setDescription("how long the longest-missing customer has been missing")
                .buildWithCallback(measurement -> lastRun.get().registrations().forEach((alias, figures) -> {
                    if (figures.oldestMissingSince() != null) {
                        measurement.record(secondsSince(figures.oldestMissingSince()),
                                Attributes.of(REGISTRATION, alias));
                    }
                }));
        meter.gaugeBuilder(MetricNames.DRIFT_AMBIGUOUS).ofLongs()
                .setDescription("tenants with several active Azure subscriptions")
                .buildWithCallback(measurement -> {
                    if (lastRun.get() != DriftFigures.NONE) {
                        measurement.record(lastRun.get().ambiguous());
                    }
                });
        meter.gaugeBuilder(MetricNames.PARTNER_CENTER_GENERATION_AGE).ofLongs().setUnit("s")
                .setDescription("age of the last complete Partner Center generation")
                .buildWithCallback(measurement -> Optional.ofNullable(generationStartedAt.get())
                        .ifPresent(startedAt -> measurement.record(secondsSince(startedAt))));
        driftRuns = meter.counterBuilder(MetricNames.DRIFT_RUNS).setDescription("drift runs by outcome").build();
        armWrites = meter.counterBuilder(MetricNames.ARM_WRITES)
                .setDescription("ARM writes of customer subscriptions by action and outcome").build();
        journalNotStored = meter.counterBuilder(MetricNames.JOURNAL_NOT_STORED)
                .setDescription("change-journal records not stored").build();
        throttled = meter.counterBuilder(MetricNames.CALL_THROTTLED).setDescription("answers 429").build();
        callDuration = meter.histogramBuilder(MetricNames.CALL_DURATION).setUnit("ms")
                .setDescription("one try of an ARM or Partner Center request").build();
    }

    private void gauge(Meter meter, String name, String description,
            ToLongFunction<DriftFigures.Registration> figure) {
        meter.gaugeBuilder(name).ofLongs().setDescription(description).buildWithCallback(measurement -> lastRun.get()
                .registrations().forEach((alias, figures) -> measurement.record(figure.applyAsLong(figures),
                        Attributes.of(REGISTRATION, alias))));
    }

    private static long secondsSince(Instant time) {
        return Math.max(0, Duration.between(time, Instant.now()).toSeconds());
    }

    /** A drift run that ended with a report: its figures become the gauges', and it is counted by outcome. */
    public void driftRun(String trigger, DriftRun run) {
        lastRun.set(DriftFigures.of(run.report()));
        driftRuns.add(1, run.failure().map(failure -> runAttributes(trigger, "incomplete", failure))
                .orElseGet(() -> Attributes.of(TRIGGER, trigger, OUTCOME, MetricNames.COMPLETE)));
    }

    /** A drift run that ended without a report (no manifest, the deadline, a run still going). */
    public void driftRunFailed(String trigger, RegistrarException failure) {
        driftRuns.add(1, runAttributes(trigger, "failed", failure));
    }

    private static Attributes runAttributes(String trigger, String outcome, RegistrarException failure) {
        return Attributes.of(TRIGGER, trigger, OUTCOME, outcome, REASON, failure.code());
    }

    /** When the walk of the last complete Partner Center generation began; null while none has completed. */
    public void partnerCenterGeneration(Instant startedAt) {
        if (startedAt != null) {
            generationStartedAt.set(startedAt);
        }
    }

    /** One ARM write: {@code outcome} is the write's status ({@code registered}, {@code removed}, ... or {@code failed}). */
    public void armWrite(String action, String outcome, String registration) {
        armWrites.add(1, Attributes.of(ACTION, action, OUTCOME, outcome, REGISTRATION, registration));
    }

    /** A change-journal record the storage account did not store. */
    public void journalNotStored() {
        journalNotStored.add(1);
    }

    /** One try of a request to {@code service}, answered {@code status} (null: no answer) after {@code elapsed}. */
    public void call(String service, Integer status, Duration elapsed) {
        Attributes attributes = Attributes.of(SERVICE, service, STATUS, status == null ? "none" : status.toString());
        callDuration.record(elapsed.toNanos() / 1_000_000.0, attributes);
        if (status != null && status == 429) {
            throttled.add(1, Attributes.of(SERVICE, service));
        }
    }
}
