package com.tenantregistrar.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import com.tenantregistrar.correlation.CallContext;
import com.tenantregistrar.drift.DriftChecker;
import com.tenantregistrar.drift.DriftReport;
import com.tenantregistrar.error.InvalidRequestException;

import io.quarkus.funqy.Funq;
import io.smallrye.mutiny.Uni;

/**
 * The drift check, twice: {@code driftCheck} is the timer function (the host's invocation envelope in and out),
 * the only one that may repair drift; {@code checkDrift} reports over plain HTTP for Logic Apps and operators and
 * never writes. A run that is not complete answers non-2xx with the report beside the error.
 */
public class DriftFunctions {

    @Inject
    DriftChecker checker;

    @Inject
    CallerInput input;

    @Funq("checkDrift")
    public Uni<DriftReport> checkDrift(CheckDriftRequest request) {
        CheckDriftRequest body = input.check("checkDrift", CheckDriftRequest.class, request);
        if (body != null) {
            if (body.getMode() != null && !"report".equalsIgnoreCase(body.getMode())) {
                throw new InvalidRequestException("'mode' may only be \"report\": checkDrift never writes. Only the "
                        + "timer (driftCheck) repairs drift, when the app setting REGISTRAR_DRIFT_MODE is reconcile.");
            }
        }
        return checker.report(CallContext.current()).map(run -> run.answer(run.report()));
    }

    @Funq("driftCheck")
    public Uni<InvocationResponse> driftCheck(TimerInvocation invocation) {
        boolean late = invocation != null && invocation.isPastDue();
        return checker.scheduledRun(CallContext.current()).map(run -> {
            List<String> logs = new ArrayList<>(run.report().logLines());
            if (late) {
                logs.set(0, logs.get(0) + " (run was past due)");
            }
            return run.answer(new InvocationResponse(Map.of(), logs, run.report()));
        });
    }
}
