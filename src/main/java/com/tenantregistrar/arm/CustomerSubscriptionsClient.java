package com.tenantregistrar.arm;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.resourcemanager.resources.fluent.models.GenericResourceInner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.config.RegistrarConfig;
import com.tenantregistrar.error.ArmException;
import com.tenantregistrar.registration.Guid;
import com.tenantregistrar.registration.RegisteredCustomer;
import com.tenantregistrar.registration.Registration;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The three ARM calls on {@code Microsoft.AzureStack/registrations/customerSubscriptions}: PUT, DELETE and the
 * paged GET of the collection. Each method makes the call when subscribed to and fails with the app's
 * {@link com.tenantregistrar.error.RegistrarException}s.
 */
@ApplicationScoped
public class CustomerSubscriptionsClient {

    /** Guards against a nextLink loop; 100,000 pages is far beyond any registration. */
    private static final int MAX_PAGES = 100_000;

    private final ArmConnection arm;
    private final RegistrarConfig config;
    private final ObjectMapper mapper;

    @Inject
    public CustomerSubscriptionsClient(ArmConnection arm, RegistrarConfig config, ObjectMapper mapper) {
        this.arm = arm;
        this.config = config;
        this.mapper = mapper;
    }

    /** Whether a removal found the subscription registered. */
    public enum Removal {
        REMOVED, ABSENT
    }

    /** PUTs the customer subscription with its tenant; ARM's 200 with a body and 201 without one both succeed. */
    public Mono<Void> put(Registration registration, Guid customerSubscriptionId, Guid tenantId) {
        String id = armId(registration.customerSubscriptionId(customerSubscriptionId.value()));
        GenericResourceInner body = new GenericResourceInner().withProperties(Map.of("tenantId", tenantId.value()));
        return guarded(Mono.defer(() -> arm.resources().createOrUpdateByIdAsync(id, config.apiVersion(), body))
                .then(), id);
    }

    /** DELETEs the customer subscription: 200 is {@code REMOVED}; 204, or 404 CustomerSubscriptionNotFound, {@code ABSENT}. */
    public Mono<Removal> delete(Registration registration, Guid customerSubscriptionId) {
        String id = armId(registration.customerSubscriptionId(customerSubscriptionId.value()));
        Mono<Removal> call = Mono.defer(() -> arm.resources().deleteByIdWithResponseAsync(id, config.apiVersion()))
                .flatMap(response -> response.getValue().then(Mono.just(response.getStatusCode())))
                // 202 (accepted, asynchronous) has never been seen from this provider; the deletion is under way.
                .map(status -> status == 204 ? Removal.ABSENT : Removal.REMOVED)
                .onErrorResume(e -> ArmErrorTranslator.hasCode(e, "CustomerSubscriptionNotFound"),
                        e -> Mono.just(Removal.ABSENT));
        return guarded(call, id);
    }

    /** Every customer subscription on the registration, following {@code nextLink} through every page. */
    public Flux<RegisteredCustomer> list(Registration registration) {
        String first = arm.endpoint() + armId(registration.customerSubscriptionsCollection())
                + "?api-version=" + config.apiVersion();
        return Flux.defer(() -> {
            Set<String> seen = new HashSet<>();
            return page(registration, first, seen)
                    .expand(page -> page.nextLink() == null ? Mono.empty() : page(registration, page.nextLink(), seen));
        }).concatMapIterable(Page::customers);
    }

    private record Page(List<RegisteredCustomer> customers, String nextLink) {
    }

    private Mono<Page> page(Registration registration, String url, Set<String> seen) {
        if (!seen.add(url) || seen.size() > MAX_PAGES) {
            return Mono.error(new ArmException(502, "UpstreamError", "ARM's paging of "
                    + registration.customerSubscriptionsCollection() + " does not end (a nextLink repeats).",
                    null, null));
        }
        if (!sameOrigin(url)) {
            // The pipeline attaches the bearer token to whatever URL it is given.
            return Mono.error(new ArmException(502, "UpstreamError", "ARM returned a nextLink outside "
                    + arm.endpoint() + "; it was not followed.", null, null));
        }
        Mono<Page> call = Mono.defer(() -> arm.pipeline().send(new HttpRequest(HttpMethod.GET, url)))
                .flatMap(response -> response.getBodyAsByteArray().defaultIfEmpty(new byte[0])
                        .map(body -> parsePage(registration, response, body)));
        return guarded(call, registration.customerSubscriptionsCollection());
    }

    private Page parsePage(Registration registration, HttpResponse response, byte[] body) {
        if (response.getStatusCode() >= 400) {
            throw new ManagementException("ARM answered " + response.getStatusCode(), response, parseError(body));
        }
        // "If no tenants have been registered, you won't receive a response": an empty body is an empty page.
        if (body.length == 0) {
            return new Page(List.of(), null);
        }
        try {
            JsonNode root = mapper.readTree(body);
            List<RegisteredCustomer> customers = new ArrayList<>();
            for (JsonNode item : root.path("value")) {
                String subscription = lastSegment(item.path("id").asText(item.path("name").asText("")));
                String tenant = item.path("properties").path("tenantId").asText("");
                customers.add(new RegisteredCustomer(registration.alias(), subscription.toLowerCase(Locale.ROOT),
                        tenant.toLowerCase(Locale.ROOT)));
            }
            String next = root.path("nextLink").asText(null);
            return new Page(customers, next == null || next.isBlank() ? null : next);
        } catch (java.io.IOException e) {
            throw new ArmException(502, "UpstreamError", "ARM's list of " + registration.customerSubscriptionsCollection()
                    + " is not valid JSON.", null, e);
        }
    }

    private static ManagementError parseError(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try (JsonReader reader = JsonProviders.createReader(body)) {
            return ManagementError.fromJson(reader);
        } catch (java.io.IOException | RuntimeException notJson) {
            return null;
        }
    }

    private <T> Mono<T> guarded(Mono<T> call, String target) {
        return call.timeout(config.arm().timeout())
                .onErrorMap(e -> ArmErrorTranslator.translate(e, target));
    }

    private boolean sameOrigin(String url) {
        URI base = URI.create(arm.endpoint());
        URI candidate = URI.create(url);
        return base.getScheme().equalsIgnoreCase(candidate.getScheme())
                && base.getHost().equalsIgnoreCase(candidate.getHost())
                && base.getPort() == candidate.getPort();
    }

    /** The generated client prefixes the endpoint itself, and a leading '/' would give '//subscriptions'. */
    private static String armId(String resourceId) {
        return resourceId.startsWith("/") ? resourceId.substring(1) : resourceId;
    }

    private static String lastSegment(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
