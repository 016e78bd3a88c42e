package com.tenantregistrar.arm;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.config.RegistrarConfig;
import com.tenantregistrar.correlation.CallContext;
import com.tenantregistrar.correlation.CorrelationRoute;
import com.tenantregistrar.error.ArmException;
import com.tenantregistrar.journal.Intent;
import com.tenantregistrar.registration.Guid;
import com.tenantregistrar.registration.RegisteredCustomer;
import com.tenantregistrar.registration.Registration;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The three ARM calls on {@code Microsoft.AzureStack/registrations/customerSubscriptions}: PUT, DELETE and the
 * paged GET of the collection, each a plain request on the ARM pipeline (token, retry), carrying the call's
 * correlation ID. Each method makes the call when subscribed to and fails with the app's
 * {@link com.tenantregistrar.error.RegistrarException}s; each write logs one line and is journaled
 * ({@link ArmCallLog}).
 * <p>
 * The writes do not go through the SDK's generic-resource client: its long-running-operation poller would follow a
 * 201/202's {@code Location} or {@code Azure-AsyncOperation} inside the caller's time budget and could end in a
 * misleading 404. This resource answers synchronously; a 202 is reported as {@code accepted}.
 */
@ApplicationScoped
public class CustomerSubscriptionsClient {

    private static final HttpHeaderName CORRELATION_HEADER = HttpHeaderName.fromString(CorrelationRoute.HEADER);

    /** Guards against a nextLink loop; 100,000 pages is far beyond any registration. */
    private static final int MAX_PAGES = 100_000;

    private final ArmConnection arm;
    private final RegistrarConfig config;
    private final ObjectMapper mapper;
    private final ArmCallLog writeLog;

    @Inject
    public CustomerSubscriptionsClient(ArmConnection arm, RegistrarConfig config, ObjectMapper mapper,
            ArmCallLog writeLog) {
        this.arm = arm;
        this.config = config;
        this.mapper = mapper;
        this.writeLog = writeLog;
    }

    /**
     * PUTs the customer subscription with its tenant, as one plain request on the ARM pipeline: 200 (with a body)
     * and 201 (without) are {@code REGISTERED}, 202 is {@code ACCEPTED} and is not polled. Made for {@code call}
     * (its work goes on on other threads than the request's: a read came first, or a drift run or a webhook event
     * makes it), journaled as {@code intent} says (a rewrite, the tenant before; a replace, the subscription unmapped).
     */
    public Mono<ArmWrite> put(Registration registration, Guid customerSubscriptionId, Guid tenantId, Intent intent,
            CallContext call) {
        return put(registration, customerSubscriptionId, tenantId, intent, call, WritePacing.NONE);
    }

    /** {@link #put(Registration, Guid, Guid, Intent, CallContext)}, its attempts paced by {@code pacing}. */
    public Mono<ArmWrite> put(Registration registration, Guid customerSubscriptionId, Guid tenantId, Intent intent,
            CallContext call, WritePacing pacing) {
        String body = mapper.createObjectNode().set("properties",
                mapper.createObjectNode().put("tenantId", tenantId.value())).toString();
        return write(HttpMethod.PUT, registration, customerSubscriptionId, tenantId, intent, call, pacing, body,
                (status, errorBody) ->
                switch (status) {
                    case 200, 201 -> ArmWrite.REGISTERED;
                    case 202 -> ArmWrite.ACCEPTED;
                    default -> null;
                });
    }

    /**
     * DELETEs the customer subscription: 200 is {@code REMOVED}; 204, or 404 CustomerSubscriptionNotFound,
     * {@code ABSENT}; 202 {@code ACCEPTED}.
     */
    public Mono<ArmWrite> delete(Registration registration, Guid customerSubscriptionId) {
        return delete(registration, customerSubscriptionId, Intent.REMOVE, null);
    }

    /** {@link #delete(Registration, Guid)} for {@code call}, journaled as {@code intent} says (the tenant removed). */
    public Mono<ArmWrite> delete(Registration registration, Guid customerSubscriptionId, Intent intent,
            CallContext call) {
        return delete(registration, customerSubscriptionId, intent, call, WritePacing.NONE);
    }

    /** {@link #delete(Registration, Guid, Intent, CallContext)}, its attempts paced by {@code pacing}. */
    public Mono<ArmWrite> delete(Registration registration, Guid customerSubscriptionId, Intent intent,
            CallContext call, WritePacing pacing) {
        return write(HttpMethod.DELETE, registration, customerSubscriptionId, null, intent, call, pacing, null,
                (status, errorBody) ->
                switch (status) {
                    case 200 -> ArmWrite.REMOVED;
                    case 202 -> ArmWrite.ACCEPTED;
                    case 204 -> ArmWrite.ABSENT;
                    case 404 -> errorBody != null && "CustomerSubscriptionNotFound".equalsIgnoreCase(errorBody.getCode())
                            ? ArmWrite.ABSENT : null;
                    default -> null;
                });
    }

    /** Reads ARM's answer to a write: the outcome, or null when the answer is a failure. */
    private interface WriteAnswer {
        ArmWrite read(int status, ManagementError error);
    }

    /**
     * One write; for {@code given}, or (null) the call of the request being served when it is sent; its attempts
     * paced by {@code pacing}.
     */
    private Mono<ArmWrite> write(HttpMethod method, Registration registration, Guid subscription, Guid tenant,
            Intent intent, CallContext given, WritePacing pacing, String body, WriteAnswer answer) {
        String target = registration.customerSubscriptionId(subscription.value());
        return Mono.defer(() -> {
            CallContext call = given != null ? given : CallContext.current();
            HttpRequest request = request(method, url(target), call);
            if (body != null) {
                request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json").setBody(body);
            }
            // A paced write waits out ARM's throttling itself; an unpaced one leaves it to the pipeline's retry.
            Mono<ArmWrite> sent = (pacing == WritePacing.NONE ? arm.pipeline() : arm.pacedPipeline()).send(request)
                    .flatMap(response -> response.getBodyAsByteArray().defaultIfEmpty(new byte[0]).map(bytes -> {
                        ManagementError error = response.getStatusCode() >= 400 ? parseError(bytes) : null;
                        ArmWrite outcome = answer.read(response.getStatusCode(), error);
                        if (outcome == null) {
                            throw new ManagementException("ARM answered " + response.getStatusCode(), response, error);
                        }
                        writeLog.written(call, method, registration, subscription, tenant, intent, outcome,
                                response);
                        return outcome;
                    }));
            return pacing.pace(registration, guarded(sent))
                    .doOnError(ArmException.class, failure -> writeLog.failed(call, method, registration, subscription,
                            tenant, intent, failure));
        });
    }

    /**
     * Gets the ARM token for a call that fans out, before any of its ARM requests: subscribe to it once (cache it)
     * and put it before each registration's request, so that they share one attempt and, when the identity fails,
     * all answer that one 503 {@code CredentialUnavailable} at once, with no ARM request made.
     */
    public Mono<Void> authenticated() {
        return Mono.defer(() -> {
            // The token arrives on the credential's thread: what follows it (the registrations' requests, their log
            // lines and journal records) is still this call's.
            CallContext call = CallContext.current();
            return guarded(arm.token()).then().doOnSuccess(done -> call.install()).doOnError(failed -> call.install());
        });
    }

    /**
     * The tenant the customer subscription is registered with on the registration, or empty when it is not there:
     * one GET of the entry. Its failures are ARM's, as for any call.
     */
    public Mono<Optional<String>> tenantOf(Registration registration, Guid customerSubscriptionId) {
        String url = url(registration.customerSubscriptionId(customerSubscriptionId.value()));
        Mono<Optional<String>> call = Mono.defer(() -> arm.pipeline().send(request(HttpMethod.GET, url,
                CallContext.current()))).flatMap(response -> response.getBodyAsByteArray().defaultIfEmpty(new byte[0])
                        .map(body -> {
                            if (response.getStatusCode() == 404) {
                                return Optional.<String>empty();
                            }
                            if (response.getStatusCode() >= 400) {
                                throw new ManagementException("ARM answered " + response.getStatusCode(), response,
                                        parseError(body));
                            }
                            try {
                                String tenant = mapper.readTree(body).path("properties").path("tenantId").asText("");
                                return tenant.isEmpty() ? Optional.<String>empty()
                                        : Optional.of(tenant.toLowerCase(Locale.ROOT));
                            } catch (java.io.IOException e) {
                                throw new ArmException(502, "UpstreamError", "ARM's entry of "
                                        + customerSubscriptionId.value() + " is not valid JSON.", null, e);
                            }
                        }));
        return guarded(call);
    }

    /** Every customer subscription on the registration, following {@code nextLink} through every page. */
    public Flux<RegisteredCustomer> list(Registration registration) {
        String first = url(registration.customerSubscriptionsCollection());
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
        if (!sameOrigin(URI.create(arm.endpoint()), url)) {
            // The pipeline attaches the bearer token to whatever URL it is given.
            return Mono.error(new ArmException(502, "UpstreamError", "ARM returned a nextLink outside "
                    + arm.endpoint() + "; it was not followed.", null, null));
        }
        Mono<Page> call = Mono.defer(() -> arm.pipeline().send(request(HttpMethod.GET, url, CallContext.current())))
                .flatMap(response -> response.getBodyAsByteArray().defaultIfEmpty(new byte[0])
                        .map(body -> parsePage(registration, response, body)));
        return guarded(call)
                .doOnError(ArmException.class, failure -> writeLog.listFailed(registration, failure));
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

    /** A request on the ARM pipeline that carries the call's correlation ID to ARM (kept across retries). */
    private static HttpRequest request(HttpMethod method, String url, CallContext call) {
        return new HttpRequest(method, url).setHeader(CORRELATION_HEADER, call.correlationId());
    }

    private String url(String resourceId) {
        return arm.endpoint() + armId(resourceId) + "?api-version=" + config.apiVersion();
    }

    private <T> Mono<T> guarded(Mono<T> call) {
        return call.timeout(config.arm().timeout())
                .doOnError(ArmErrorTranslator::refusedToken, refused -> arm.forgetToken())
                .onErrorMap(ArmErrorTranslator::translate);
    }

    /** Scheme and host compared without regard to case, and a port left out equal to the scheme's default. */
    static boolean sameOrigin(URI base, String url) {
        URI candidate;
        try {
            candidate = URI.create(url);
        } catch (IllegalArgumentException notAUri) {
            return false;
        }
        return candidate.getScheme() != null && candidate.getHost() != null
                && base.getScheme().equalsIgnoreCase(candidate.getScheme())
                && base.getHost().equalsIgnoreCase(candidate.getHost())
                && port(base) == port(candidate);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
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
