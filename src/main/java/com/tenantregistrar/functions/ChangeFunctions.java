package com.tenantregistrar.functions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import com.tenantregistrar.correlation.Callers;
import com.tenantregistrar.error.InvalidRequestException;
import com.tenantregistrar.journal.Change;
import com.tenantregistrar.journal.ChangeJournal;
import com.tenantregistrar.journal.ChangeQuery;
import com.tenantregistrar.registration.Guid;
import com.tenantregistrar.registration.RegistrationCatalog;

import io.quarkus.funqy.Funq;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;

/**
 * The HTTP function {@code listChanges}: the change journal, newest first, a page at a time. Its query is checked
 * in full before the storage account is read, so that a mistake is a 400 that costs no storage call.
 */
public class ChangeFunctions {

    private static final int DEFAULT_TOP = 100;
    private static final int MAX_TOP = 1000;

    @Inject
    ChangeJournal journal;

    @Inject
    RegistrationCatalog catalog;

    @Inject
    CallerInput input;

    @Inject
    CurrentVertxRequest current;

    /** The answer: a page of records, and the URL of the next page ({@code null} on the last). */
    public record Changes(List<Change> changes, String nextLink) {
    }

    @Funq("listChanges")
    public Uni<Changes> listChanges(ListChangesRequest request) {
        ListChangesRequest query = input.check("listChanges", ListChangesRequest.class, request);
        Map<String, String> filters = new LinkedHashMap<>();
        ChangeQuery first = query == null ? new ChangeQuery(null, null, null, null, null, null, DEFAULT_TOP)
                : query(query, filters);
        HttpServerRequest http = current.getCurrent().request();
        String self = RequestUrl.of(http, http.path());
        return Uni.createFrom().item(() -> journal.list(first))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(page -> new Changes(page.changes(), page.next().map(next -> {
                    Map<String, String> link = new LinkedHashMap<>(filters);
                    link.put("continuation", next.encode());
                    return self + "?" + link.entrySet().stream()
                            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                            .collect(Collectors.joining("&"));
                }).orElse(null)));
    }

    /** The checked query; {@code filters} receives the parameters, normalized, that the nextLink repeats. */
    private ChangeQuery query(ListChangesRequest query, Map<String, String> filters) {
        String subscription = guid("customerSubscriptionId", query.getCustomerSubscriptionId(), filters);
        String tenant = guid("tenantId", query.getTenantId(), filters);
        String registration = null;
        if (query.getRegistration() != null) {
            registration = QueryValues.registration(query.getRegistration(), catalog.aliases());
            filters.put("registration", registration);
        }
        String caller = null;
        if (query.getCaller() != null) {
            caller = query.getCaller().trim();
            if (!Callers.recordable(caller)) {
                // Not echoed: it may hold what a log line or an answer should not (control characters).
                throw new InvalidRequestException("'caller' must be a caller as listChanges answers it (functionKey, "
                        + "timer, webhook, or a principal such as 'name (id)'): not empty, at most "
                        + Callers.MAX_LENGTH + " characters, without control characters.");
            }
            filters.put("caller", caller);
        }
        Instant since = null;
        if (query.getSince() != null) {
            since = QueryValues.since(query.getSince().trim());
            filters.put("since", since.toString());
        }
        int top = DEFAULT_TOP;
        if (query.getTop() != null) {
            top = QueryValues.top(query.getTop().trim(), MAX_TOP);
            filters.put("top", Integer.toString(top));
        }
        ChangeQuery.Position after = query.getContinuation() == null ? null
                : ChangeQuery.Position.decode(query.getContinuation().trim());
        return new ChangeQuery(subscription, tenant, registration, caller, since, after, top);
    }

    private static String guid(String field, String raw, Map<String, String> filters) {
        if (raw == null) {
            return null;
        }
        String value = Guid.require(field, raw).value();
        filters.put(field, value);
        return value;
    }
}
