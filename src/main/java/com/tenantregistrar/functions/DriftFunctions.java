package com.tenantregistrar.functions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import com.tenantregistrar.correlation.CallContext;
import com.tenantregistrar.drift.DriftChecker;
import com.tenantregistrar.driftreports.DriftReportStore;
import com.tenantregistrar.driftreports.KeptDriftRun;
import com.tenantregistrar.driftreports.RunId;
import com.tenantregistrar.error.InvalidRequestException;

import io.quarkus.funqy.Funq;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The drift check, twice: {@code driftCheck} is the timer function (the host's invocation envelope in and out),
 * the only one that may repair drift; {@code checkDrift} reports over plain HTTP for Logic Apps and operators and
 * never writes. A run that is not complete answers non-2xx with the report beside the error. Each run's whole
 * report, with its ID, trigger and times, is answered and kept ({@link DriftReportStore}).
 */
public class DriftFunctions {

    /** The response header that names the run, whose report listDriftRuns and driftRun then find. */
    public static final String RUN_ID_HEADER = "x-registrar-drift-run-id";

    @Inject
    DriftChecker checker;

    @Inject
    CallerInput input;

    @Inject
    DriftReportStore reports;

    @Inject
    CurrentVertxRequest current;

    @Funq("checkDrift")
    public Uni<KeptDriftRun> checkDrift(CheckDriftRequest request) {
        CheckDriftRequest body = input.check("checkDrift", CheckDriftRequest.class, request);
        if (body != null) {
            if (body.getMode() != null && !"report".equalsIgnoreCase(body.getMode())) {
                throw new InvalidRequestException("'mode' may only be \"report\": checkDrift never writes. Only the "
                        + "timer (driftCheck) repairs drift, when the app setting REGISTRAR_DRIFT_MODE is reconcile.");
            }
        }
        RunId id = start();
        CallContext call = CallContext.current();
        return checker.report(call).flatMap(run -> reports.keep(id, "checkDrift", run, call).map(run::answer));
    }

    @Funq("driftCheck")
    public Uni<InvocationResponse> driftCheck(TimerInvocation invocation) {
        boolean late = invocation != null && invocation.isPastDue();
        RunId id = start();
        CallContext call = CallContext.current();
        return checker.scheduledRun(call).flatMap(run -> reports.keep(id, "timer", run, call).map(kept -> {
            Infrastructure.getDefaultWorkerPool().execute(reports::expire);
            String where = "run " + id + (kept.keptAs() != null ? ", report kept as " + kept.keptAs()
                    : ", report not kept (" + kept.notKept() + ")");
            List<String> logs = new ArrayList<>(run.report().logLines(where));
            logs.set(0, logs.get(0) + "; " + where + (late ? " (run was past due)" : ""));
            return run.answer(new InvocationResponse(Map.of(), logs, kept));
        }));
    }

    /** A new run's ID, told to the caller in {@value #RUN_ID_HEADER} before the run starts. */
    private RunId start() {
        RunId id = RunId.startingAt(Instant.now());
        current.getCurrent().response().putHeader(RUN_ID_HEADER, id.value());
        return id;
    }
}
