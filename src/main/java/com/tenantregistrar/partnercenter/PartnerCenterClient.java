package com.tenantregistrar.partnercenter;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.correlation.CallContext;
import com.tenantregistrar.outbound.CallContextHttpClient;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Partner Center's GETs on the connection's pipeline: one resource, or every item of a collection, following
 * {@code links.next} with the headers it names (its {@code MS-ContinuationToken}) until it is absent. Each fails
 * with a {@link PartnerCenterException} and logs that failure once.
 */
@ApplicationScoped
public class PartnerCenterClient {

    private static final Logger LOG = Logger.getLogger(PartnerCenterClient.class);

    /** Guards against a {@code links.next} loop; 100,000 pages is far beyond any partner. */
    private static final int MAX_PAGES = 100_000;

    /** The header of a {@code links.next} that carries the seek paging's position. */
    static final String CONTINUATION = "MS-ContinuationToken";

    private final PartnerCenterConnection connection;
    private final ObjectMapper mapper;

    @Inject
    public PartnerCenterClient(PartnerCenterConnection connection, ObjectMapper mapper) {
        this.connection = connection;
        this.mapper = mapper;
    }

    /** The resource at {@code path} (under {@code /v1}); {@code what} names it in a failure's message. */
    public Mono<JsonNode> get(String path, String what) {
        return send(path, Map.of(), what);
    }

    /** Every item of the collection at {@code path}, page after page. */
    public Flux<JsonNode> items(String path, String what) {
        return Flux.defer(() -> {
            Set<String> seen = new HashSet<>();
            seen.add(path);
            return page(new Link(path, Map.of()), what)
                    .expand(page -> page.next().map(next -> {
                        if (!seen.add(next.path() + next.headers()) || seen.size() > MAX_PAGES) {
                            return Mono.<Page>error(failure(what, "a paging that does not end (a next link repeats)"));
                        }
                        return page(next, what);
                    }).orElse(Mono.empty()));
        }).concatMapIterable(Page::items);
    }

    /**
     * A request of a collection's page: its path (under {@code /v1}) and the headers its {@code links.next} named
     * (its {@code MS-ContinuationToken}), so that a walk can come back to it in a later run.
     */
    public record Link(String path, Map<String, String> headers) {

        public Link {
            headers = Map.copyOf(headers);
        }
    }

    /**
     * One page of a collection.
     *
     * @param items its items
     * @param next the request of the next page; empty on the last
     */
    public record Page(List<JsonNode> items, Optional<Link> next) {
    }

    /** The page {@code link} asks for, with the link to the page after it. */
    public Mono<Page> page(Link link, String what) {
        return send(link.path(), link.headers(), what).flatMap(page -> {
            if (!page.path("items").isArray()) {
                // A collection always carries its items, [] when empty: a page without them is no proof that there
                // are none, so the read fails rather than ending there (a short answer must never complete a walk).
                return Mono.error(failure(what, "a page without an items array"));
            }
            List<JsonNode> items = new ArrayList<>();
            page.path("items").forEach(items::add);
            JsonNode next = page.path("links").path("next");
            String uri = next.path("uri").asText("");
            if (uri.isBlank()) {
                return Mono.just(new Page(items, Optional.empty()));
            }
            String path = relative(uri);
            if (path == null) {
                // The pipeline would attach the bearer token to whatever URL it is given.
                return Mono.error(failure(what, "a next page outside " + connection.endpoint() + " (" + uri
                        + "); it was not followed"));
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (JsonNode header : next.path("headers")) {
                headers.put(header.path("key").asText(), header.path("value").asText());
            }
            return Mono.just(new Page(items, Optional.of(new Link(path, headers))));
        });
    }

    /**
     * A link's path relative to the endpoint: Partner Center's links are relative and come with or without
     * {@code /v1} (Microsoft's SDKs put {@code /v1} before a link that lacks it); an absolute link must be on the
     * endpoint's origin.
     */
    private String relative(String uri) {
        String path = uri;
        URI link = URI.create(uri.replace(" ", "%20"));
        if (link.isAbsolute()) {
            URI base = URI.create(connection.endpoint());
            if (!base.getScheme().equalsIgnoreCase(link.getScheme()) || !base.getHost().equalsIgnoreCase(link.getHost())
                    || port(base) != port(link)) {
                return null;
            }
            path = link.getRawPath() + (link.getRawQuery() == null ? "" : "?" + link.getRawQuery());
        }
        path = path.startsWith("/") ? path : "/" + path;
        return path.startsWith("/v1/") ? path.substring(3) : path;
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    private Mono<JsonNode> send(String path, Map<String, String> headers, String what) {
        return Mono.defer(() -> {
            CallContext call = CallContext.current();
            HttpRequest request = new HttpRequest(HttpMethod.GET, connection.endpoint() + "/v1" + path)
                    .setHeader(HttpHeaderName.ACCEPT, "application/json")
                    .setHeader(PartnerCenterHeaders.APPLICATION, "tenant-registrar");
            headers.forEach((name, value) -> request.setHeader(HttpHeaderName.fromString(name), value));
            return connection.pipeline().send(request, new Context(CallContextHttpClient.CORRELATION_ID,
                            call.correlationId()))
                    .flatMap(response -> response.getBodyAsByteArray().defaultIfEmpty(new byte[0])
                            .map(body -> read(response, body)))
                    .onErrorMap(thrown -> PartnerCenterErrorTranslator.translate(thrown, what))
                    .doOnError(PartnerCenterException.class, failure -> call.run(() -> log(path, failure,
                            !headers.isEmpty())));
        });
    }

    private JsonNode read(HttpResponse response, byte[] body) {
        if (response.getStatusCode() >= 400) {
            throw new HttpResponseException("Partner Center answered " + response.getStatusCode(), response,
                    new String(body, StandardCharsets.UTF_8));
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new PartnerCenterException(502, "PartnerCenterRejected", "Partner Center's answer to "
                    + response.getRequest().getUrl().getPath() + " is not valid JSON.", null, e);
        }
    }

    private PartnerCenterException failure(String what, String problem) {
        return new PartnerCenterException(502, "PartnerCenterRejected", "Partner Center answered " + what + " with "
                + problem + ".", null, null);
    }

    /**
     * The call's final failure, once: ERROR, but WARN for an unknown customer or subscription (the caller's), and
     * DEBUG for a page whose continuation token was refused, which the walk answers (and logs) by starting again.
     */
    private static void log(String path, PartnerCenterException failure, boolean continued) {
        Logger.Level level = continued && failure.refusedRequest() ? Logger.Level.DEBUG
                : failure.status() == 404 ? Logger.Level.WARN : Logger.Level.ERROR;
        LOG.logf(level, "Partner Center GET %s failed: "
                + "status=%d code=%s MS-RequestId=%s MS-CorrelationId=%s: %s", path, failure.status(),
                failure.code(), failure.requestId().orElse("-"), failure.correlationId().orElse("-"),
                failure.getMessage());
    }
}
