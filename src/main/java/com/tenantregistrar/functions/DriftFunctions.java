package com.tenantregistrar.functions;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import com.tenantregistrar.drift.DriftChecker;
import com.tenantregistrar.drift.DriftReport;
import com.tenantregistrar.error.InvalidRequestException;

import io.quarkus.funqy.Funq;
import io.smallrye.mutiny.Uni;

/**
 * The drift check, twice: {@code driftCheck} is the timer function (the host's invocation envelope in and out),
 * {@code checkDrift} the same check over plain HTTP for Logic Apps and operators.
 */
public class DriftFunctions {

    @Inject
    DriftChecker checker;

    @Funq("checkDrift")
    public Uni<DriftReport> checkDrift(CheckDriftRequest request) {
        String mode = request == null ? null : request.getMode();
        if (mode != null && !"report".equalsIgnoreCase(mode)) {
            throw new InvalidRequestException("'mode' may only be \"report\" (a dry run); whether a check repairs "
                    + "drift is the app setting REGISTRAR_DRIFT_MODE, not the caller's choice.");
        }
        return checker.check(mode != null);
    }

    @Funq("driftCheck")
    public Uni<InvocationResponse> driftCheck(TimerInvocation invocation) {
        boolean late = invocation != null && invocation.isPastDue();
        return checker.check(false).map(report -> new InvocationResponse(Map.of(),
                List.of(report.summary() + (late ? " (run was past due)" : "")), report));
    }
}
