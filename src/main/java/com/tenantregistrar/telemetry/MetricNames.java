package com.tenantregistrar.telemetry;

/**
 * The names of the app's metrics and of their dimensions, in one place: the alert rules of deploy/azuredeploy.json
 * query these names (AlertRulesTest holds them to this class), and the Telemetry section of docs/operations.md lists them.
 * Application Insights keeps each metric in {@code customMetrics} under its name, with its dimensions in
 * {@code customDimensions}.
 */
public final class MetricNames {

    /** The instrumentation scope of every metric of the app. */
    public static final String SCOPE = "tenant-registrar";

    /** Gauge: customers missing on a registration in the last drift run that could read it. */
    public static final String DRIFT_MISSING = "registrar.drift.missing";
    /** Gauge, seconds: how long the longest-missing customer of a registration has been missing (drift memory). */
    public static final String DRIFT_MISSING_AGE = "registrar.drift.missing.age";
    /** Gauge: customers registered that should not be, per registration, in the last drift run. */
    public static final String DRIFT_UNEXPECTED = "registrar.drift.unexpected";
    /** Gauge: writes the last drift run held back by design (budget, grace, proof), per registration. */
    public static final String DRIFT_HELD = "registrar.drift.held";
    /** Gauge: registered customers Partner Center lists as suspended or disabled, per registration. */
    public static final String DRIFT_INACTIVE = "registrar.drift.inactive";
    /** Gauge: tenants with several active Azure subscriptions in the last drift run (no registration). */
    public static final String DRIFT_AMBIGUOUS = "registrar.drift.ambiguous";
    /** Counter: drift runs, by {@link #TRIGGER}, {@link #OUTCOME} and, when not complete, {@link #REASON}. */
    public static final String DRIFT_RUNS = "registrar.drift.runs";
    /** Counter: ARM writes of customer subscriptions, by {@link #ACTION}, {@link #OUTCOME} and registration. */
    public static final String ARM_WRITES = "registrar.arm.writes";
    /** Histogram, milliseconds: one try of an ARM or Partner Center request, by {@link #SERVICE} and status. */
    public static final String CALL_DURATION = "registrar.outbound.duration";
    /** Counter: ARM or Partner Center answers 429 (throttled), by {@link #SERVICE}. */
    public static final String CALL_THROTTLED = "registrar.outbound.throttled";
    /** Gauge, seconds: age of the last complete Partner Center generation (since its walk began). */
    public static final String PARTNER_CENTER_GENERATION_AGE = "registrar.partnercenter.generation.age";
    /** Counter: change-journal records the storage account did not store (each also a WARN log line). */
    public static final String JOURNAL_NOT_STORED = "registrar.journal.not_stored";

    /** Dimension: the registration's alias. */
    public static final String REGISTRATION = "registration";
    /** Dimension: {@code complete}, {@code incomplete} (a report with a failure) or {@code failed} (no report). */
    public static final String OUTCOME = "outcome";
    /** Dimension: the error code that made a run incomplete or failed. */
    public static final String REASON = "reason";
    /** Dimension: {@code timer} or {@code function}. */
    public static final String TRIGGER = "trigger";
    /** Dimension: {@code register}, {@code replace}, {@code rewrite} or {@code remove}. */
    public static final String ACTION = "action";
    /** Dimension: {@link #ARM} or {@link #PARTNER_CENTER}. */
    public static final String SERVICE = "service";
    /** A {@link #SERVICE}: Azure Resource Manager. */
    public static final String ARM = "ARM";
    /** A {@link #SERVICE}: the Partner Center API. */
    public static final String PARTNER_CENTER = "Partner Center";
    /** Dimension: the HTTP status of the answer, {@code none} when there was none (timeout, connection). */
    public static final String STATUS = "status";

    /** Span attribute of each function call: its correlation ID ({@code x-ms-correlation-request-id}). */
    public static final String CORRELATION_ID = "registrar.correlation_id";
    /** Span attribute: the function called. */
    public static final String FUNCTION = "registrar.function";

    /** The {@link #OUTCOME} of a run whose report is whole and which failed nowhere. */
    public static final String COMPLETE = "complete";

    private MetricNames() {
    }
}
