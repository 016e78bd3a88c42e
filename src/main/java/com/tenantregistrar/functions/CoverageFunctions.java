package com.tenantregistrar.functions;

import java.time.Instant;

import jakarta.inject.Inject;

import com.tenantregistrar.coverage.Coverage;
import com.tenantregistrar.coverage.CoverageFilter;
import com.tenantregistrar.coverage.CoverageSource;
import com.tenantregistrar.error.RegistrarException;
import com.tenantregistrar.registration.RegistrationCatalog;

import io.quarkus.funqy.Funq;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The HTTP function {@code coverage}: who is on which registration and who is missing since when, as of the last
 * kept drift run. Its query is checked before storage is read; it reads no Partner Center and no ARM.
 */
public class CoverageFunctions {

    @Inject
    CoverageSource source;

    @Inject
    RegistrationCatalog catalog;

    @Inject
    CallerInput input;

    @Funq("coverage")
    public Uni<Coverage> coverage(CoverageRequest request) {
        CoverageRequest query = input.check("coverage", CoverageRequest.class, request);
        CoverageFilter filter = query == null ? CoverageFilter.ALL
                : CoverageFilter.of(query.getRegistration() == null ? null
                        : QueryValues.registration(query.getRegistration(), catalog.aliases()), query.getTenantId(),
                        query.getStatus());
        Instant now = Instant.now();
        return Uni.createFrom().item(() -> source.newest(now).orElseThrow(() -> new RegistrarException(503,
                        "NoDriftRunKept", "No drift run has been kept yet, so who is registered where is not known: "
                                + "the coverage is there after the timer's next run (REGISTRAR_DRIFT_SCHEDULE), or "
                                + "after a POST /checkDrift.")))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(read -> Coverage.of(read.kept(), read.missingSince(), read.unexpectedSince(), filter, now));
    }
}
