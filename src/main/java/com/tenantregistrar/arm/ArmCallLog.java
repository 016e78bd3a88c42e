package com.tenantregistrar.arm;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpResponse;
import com.tenantregistrar.correlation.CallContext;
import com.tenantregistrar.error.ArmException;
import com.tenantregistrar.journal.Change;
import com.tenantregistrar.journal.ChangeJournal;
import com.tenantregistrar.journal.Intent;
import com.tenantregistrar.registration.Guid;
import com.tenantregistrar.registration.Registration;
import com.tenantregistrar.telemetry.RegistrarMetrics;

/**
 * The one log line of each ARM call that changed, or failed to change, who is billed, and of each list that failed:
 * what triggered it and who called, the registration, the subscription and tenant, the outcome, and ARM's own request
 * and correlation IDs, which Microsoft support asks for. A success is INFO; a failure is ERROR when an operator must
 * act or the call failed after its retries, WARN when ARM refused what the caller asked for or throttled it. Each
 * write's line is also a record of the change journal ({@link ChangeJournal}), queued without waiting, and counted
 * ({@link RegistrarMetrics#armWrite}).
 */
@ApplicationScoped
public class ArmCallLog {

    private static final Logger LOG = Logger.getLogger(ArmCallLog.class);

    private final ChangeJournal journal;
    private final RegistrarMetrics metrics;

    @Inject
    public ArmCallLog(ChangeJournal journal, RegistrarMetrics metrics) {
        this.journal = journal;
        this.metrics = metrics;
    }

    void written(CallContext call, HttpMethod method, Registration registration, Guid subscription, Guid tenant,
            Intent intent, ArmWrite outcome, HttpResponse response) {
        metrics.armWrite(intent.action(), outcome.status(), registration.alias());
        journal.record(change(call, registration, subscription, tenant, intent, outcome.status(),
                response.getHeaderValue("x-ms-request-id"), response.getHeaderValue("x-ms-correlation-request-id"),
                null));
        call.run(() -> LOG.infof("ARM %s %s: registration=%s customerSubscriptionId=%s tenantId=%s outcome=%s "
                + "trigger=%s caller=%s function=%s armRequestId=%s armCorrelationId=%s", method, outcome.status(),
                registration.alias(), subscription, tenant == null ? "-" : tenant, outcome.status(), call.trigger(),
                call.caller(), call.function(), header(response, "x-ms-request-id"),
                header(response, "x-ms-correlation-request-id")));
    }

    void failed(CallContext call, HttpMethod method, Registration registration, Guid subscription, Guid tenant,
            Intent intent, ArmException failure) {
        metrics.armWrite(intent.action(), "failed", registration.alias());
        journal.record(change(call, registration, subscription, tenant, intent, "failed",
                failure.armRequestId().orElse(null), failure.armCorrelationId().orElse(null), failure.code()));
        call.run(() -> LOG.logf(level(failure), "ARM %s failed: registration=%s customerSubscriptionId=%s tenantId=%s "
                + "outcome=failed status=%d code=%s trigger=%s caller=%s function=%s armRequestId=%s "
                + "armCorrelationId=%s: %s", method, registration.alias(), subscription, tenant == null ? "-" : tenant,
                failure.status(), failure.code(), call.trigger(), call.caller(), call.function(),
                failure.armRequestId().orElse("-"), failure.armCorrelationId().orElse("-"), failure.getMessage()));
    }

    void listFailed(Registration registration, ArmException failure) {
        LOG.logf(level(failure), "ARM GET of the customer subscriptions failed: registration=%s status=%d code=%s "
                + "armRequestId=%s armCorrelationId=%s: %s", registration.alias(), failure.status(), failure.code(),
                failure.armRequestId().orElse("-"), failure.armCorrelationId().orElse("-"), failure.getMessage());
    }

    private static Change change(CallContext call, Registration registration, Guid subscription, Guid tenant,
            Intent intent, String outcome, String armRequestId, String armCorrelationId, String error) {
        return new Change(Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), intent.action(),
                registration.alias(), subscription.value(), tenant == null ? null : tenant.value(),
                intent.previousTenantId(), intent.previousSubscriptionId(), call.trigger(), call.caller(),
                call.correlationId(), outcome, armRequestId, armCorrelationId, error, null);
    }

    /**
     * ARM refusing the caller's own IDs (400) is the caller's to fix, and throttling (429) passes by itself (the
     * caller is told when to come back; a drift run waits it out); everything else needs the operator.
     */
    private static Logger.Level level(ArmException failure) {
        return failure.status() == 400 || failure.status() == 429 ? Logger.Level.WARN : Logger.Level.ERROR;
    }

    private static String header(HttpResponse response, String name) {
        String value = response.getHeaderValue(name);
        return value == null ? "-" : value;
    }
}
