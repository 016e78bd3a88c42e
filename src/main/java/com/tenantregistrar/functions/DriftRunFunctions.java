package com.tenantregistrar.functions;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.driftreports.DriftReportStore;
import com.tenantregistrar.driftreports.DriftRunSummary;
import com.tenantregistrar.driftreports.RunId;
import com.tenantregistrar.error.RegistrarException;
import com.tenantregistrar.storage.StateStorageException;

import io.quarkus.funqy.Funq;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;

/**
 * The HTTP functions over the kept drift reports: {@code listDriftRuns} (the runs, newest first, by their summary)
 * and {@code driftRun} (one run's whole report, as it was answered). The query is checked before storage is read.
 */
public class DriftRunFunctions {

    private static final int DEFAULT_TOP = 50;
    private static final int MAX_TOP = 1000;

    @Inject
    DriftReportStore store;

    @Inject
    CallerInput input;

    @Inject
    CurrentVertxRequest current;

    @Inject
    ObjectMapper mapper;

    /** The answer of {@code listDriftRuns}. */
    public record DriftRuns(List<DriftRunSummary> runs) {
    }

    @Funq("listDriftRuns")
    public Uni<DriftRuns> listDriftRuns(ListDriftRunsRequest request) {
        ListDriftRunsRequest query = input.check("listDriftRuns", ListDriftRunsRequest.class, request);
        Instant since = query == null || query.getSince() == null ? null : QueryValues.since(query.getSince().trim());
        int top = query == null || query.getTop() == null ? DEFAULT_TOP
                : QueryValues.top(query.getTop().trim(), MAX_TOP);
        HttpServerRequest http = current.getCurrent().request();
        String reportUrl = RequestUrl.of(http, "/driftRun") + "?id=";
        return Uni.createFrom().item(() -> new DriftRuns(store.list(since, top, id -> reportUrl + id.value())))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @Funq("driftRun")
    public Uni<JsonNode> driftRun(DriftRunRequest request) {
        DriftRunRequest query = input.check("driftRun", DriftRunRequest.class, request);
        RunId id = RunId.require("id", query == null ? null : query.getId());
        return Uni.createFrom().item(() -> store.read(id).orElseThrow(() -> new RegistrarException(404,
                "DriftRunNotFound", "No drift run's report is kept with the ID " + id + ": it is older than "
                        + "REGISTRAR_DRIFT_REPORT_RETENTION, its report could not be kept (its answer said so), or "
                        + "no such run was made. listDriftRuns lists the kept ones.")))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(this::tree);
    }

    private JsonNode tree(byte[] document) {
        try {
            return mapper.readTree(document);
        } catch (IOException e) {
            throw StateStorageException.unavailable("reading a kept drift report, which is not JSON", e);
        }
    }
}
