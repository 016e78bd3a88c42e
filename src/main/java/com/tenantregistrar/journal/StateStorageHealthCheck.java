package com.tenantregistrar.journal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The health check {@code state-storage}: whether the storage account is set, and the change journal's figures
 * since the app started (records queued, stored, and not stored, with the last reason). It is always UP: billing
 * does not need the storage account, so an outage of it must not take the functions out of service (the platform
 * stops sending requests to an instance that is not ready); the figures tell an operator what the outage cost.
 * It makes no storage call, so the probe stays as fast as the app's others.
 */
@Readiness
@ApplicationScoped
public class StateStorageHealthCheck implements HealthCheck {

    private final ChangeJournal journal;

    @Inject
    public StateStorageHealthCheck(ChangeJournal journal) {
        this.journal = journal;
    }

    @Override
    public HealthCheckResponse call() {
        ChangeJournal.Stats stats = journal.stats();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("state-storage").up()
                .withData("configured", stats.configured())
                .withData("journalPending", stats.pending())
                .withData("journalStored", stats.stored())
                .withData("journalNotStored", stats.notStored());
        if (stats.lastFailure() != null) {
            response.withData("journalLastFailure", stats.lastFailure());
        }
        return response.build();
    }
}
