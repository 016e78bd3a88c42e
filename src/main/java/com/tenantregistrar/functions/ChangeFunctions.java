package com.tenantregistrar.functions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
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
        String self = self(http);
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
            String wanted = query.getRegistration().trim();
            registration = catalog.aliases().stream().filter(alias -> alias.equalsIgnoreCase(wanted)).findFirst()
                    .orElseThrow(() -> new InvalidRequestException("'registration' must be one of the configured "
                            + "registrations (" + String.join(", ", catalog.aliases()) + "), not '"
                            + abbreviate(wanted) + "'."));
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
            since = since(query.getSince().trim());
            filters.put("since", since.toString());
        }
        int top = DEFAULT_TOP;
        if (query.getTop() != null) {
            top = top(query.getTop().trim());
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

    private static Instant since(String raw) {
        try {
            if (raw.length() == 10) {
                return LocalDate.parse(raw).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(raw).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("'since' must be an ISO-8601 time such as '2026-01-31T00:00:00Z' or a "
                    + "date such as '2026-01-31', not '" + abbreviate(raw) + "'.");
        }
    }

    private static int top(String raw) {
        try {
            int top = Integer.parseInt(raw);
            if (top >= 1 && top <= MAX_TOP) {
                return top;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidRequestException("'top' must be a whole number from 1 to " + MAX_TOP + ", not '"
                + abbreviate(raw) + "'.");
    }

    /** This function's absolute URL as the caller reached it, behind the Functions host's forwarding too. */
    private static String self(HttpServerRequest http) {
        String proto = http.getHeader("X-Forwarded-Proto");
        String host = http.getHeader("X-Forwarded-Host");
        return (proto != null ? proto.split(",")[0].trim() : http.scheme()) + "://"
                + (host != null ? host.split(",")[0].trim() : http.authority().toString()) + http.path();
    }

    private static String abbreviate(String raw) {
        return raw.length() <= 64 ? raw : raw.substring(0, 64) + "…";
    }
}
