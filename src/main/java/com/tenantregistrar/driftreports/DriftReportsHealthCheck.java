package com.tenantregistrar.driftreports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The health check {@code drift-reports}: whether the storage account is set, and how many drift runs' reports were
 * kept and not kept since the app started, with the last reason. Always UP, as {@code state-storage} is: billing
 * does not need the reports, so their outage must not take the functions out of service. It makes no storage call.
 */
@Readiness
@ApplicationScoped
public class DriftReportsHealthCheck implements HealthCheck {

    private final DriftReportStore store;

    @Inject
    public DriftReportsHealthCheck(DriftReportStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        DriftReportStore.Stats stats = store.stats();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("drift-reports").up()
                .withData("configured", stats.configured())
                .withData("reportsKept", stats.kept())
                .withData("reportsNotKept", stats.notKept());
        if (stats.lastFailure() != null) {
            response.withData("lastFailure", stats.lastFailure());
        }
        return response.build();
    }
}
