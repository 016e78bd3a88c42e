package com.tenantregistrar.emulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * An emulated Partner Center REST API over HTTPS, serving the calls that find each customer's Azure subscriptions
 * as the documented samples show them: {@code GET /v1/customers?size=N} with seek paging ({@code links.next}
 * carrying an {@code MS-ContinuationToken} header the next request must send back, refused with 400 once expired),
 * {@code GET /v1/customers/{c}/subscriptions}, {@code GET /v1/customers/{c}/subscriptions/{s}} and
 * {@code GET /v1/customers/{c}/subscriptions/{s}/azureEntitlements}. It accepts only bearer tokens the emulated
 * Entra issued for Partner Center, echoes {@code MS-CorrelationId} and {@code MS-RequestId}, answers unknown
 * customers and subscriptions with Partner Center's error shape, and applies the injected faults, rate limit and
 * latency of {@link PartnerCenterState}.
 */
public final class PartnerCenterEmulator extends LoopbackServer {

    private static final Logger LOG = Logger.getLogger(PartnerCenterEmulator.class);
    private static final String CUSTOMERS = "/v1/customers";
    private static final String CONTINUATION = "MS-ContinuationToken";
    /** The code of the documented 404 sample ("… could not be found"). */
    private static final int NOT_FOUND = 3000;

    private final Vertx vertx;
    private final PartnerCenterState state;
    private final EmulatorCertificate certificate;

    public PartnerCenterEmulator(Vertx vertx, PartnerCenterState state, EmulatorCertificate certificate) {
        this.vertx = vertx;
        this.state = state;
        this.certificate = certificate;
    }

    /** Listens on {@code port} (0: any free port) of localhost. */
    public PartnerCenterEmulator start(int port) {
        Router router = Router.router(vertx);
        router.get(CUSTOMERS).handler(ctx -> handle(ctx, PartnerCenterState.CallKind.CUSTOMERS, this::customers));
        router.get(CUSTOMERS + "/:customer/subscriptions")
                .handler(ctx -> handle(ctx, PartnerCenterState.CallKind.SUBSCRIPTIONS, this::subscriptions));
        router.get(CUSTOMERS + "/:customer/subscriptions/:subscription")
                .handler(ctx -> handle(ctx, PartnerCenterState.CallKind.SUBSCRIPTION, this::subscription));
        router.getWithRegex("(?i)/v1/customers/([^/]+)/subscriptions/([^/]+)/azureEntitlements")
                .handler(ctx -> handle(ctx, PartnerCenterState.CallKind.AZURE_ENTITLEMENTS, this::entitlements));
        router.route().handler(ctx -> handle(ctx, PartnerCenterState.CallKind.OTHER, c -> error(c, 404, NOT_FOUND,
                "The emulated Partner Center does not serve " + c.request().method() + " " + c.request().path())));
        listen(vertx, new HttpServerOptions().setSsl(true).setKeyCertOptions(certificate.keyCertOptions())
                .setHost("localhost"), state.azure().wire().capture("Partner Center", router), port);
        LOG.infof("Emulated Partner Center listening on https://localhost:%d/", port());
        return this;
    }

    /** The URL for the app's Partner Center endpoint. */
    public String endpoint() {
        return "https://localhost:" + port() + "/";
    }

    /** Records, authenticates, applies latency, rate limit and faults, then serves. */
    private void handle(RoutingContext ctx, PartnerCenterState.CallKind kind, Handler<RoutingContext> serve) {
        var request = ctx.request();
        String correlationId = request.getHeader("MS-CorrelationId");
        String requestId = request.getHeader("MS-RequestId");
        state.record(new PartnerCenterState.PartnerCenterRequest(request.method().name(), request.path(),
                request.query(), correlationId, requestId, request.getHeader(CONTINUATION), kind));
        // As Partner Center does: the caller's IDs (or new ones) on every answer.
        ctx.response()
                .putHeader("MS-CorrelationId", correlationId != null ? correlationId : UUID.randomUUID().toString())
                .putHeader("MS-RequestId", requestId != null ? requestId : UUID.randomUUID().toString())
                .putHeader("MS-CV", UUID.randomUUID().toString().substring(0, 16) + ".0");
        state.requestStarted();
        ctx.addEndHandler(done -> state.requestEnded());
        int generation = state.generation();
        Runnable act = () -> {
            if (generation != state.generation()) {
                request.connection().close();
            } else {
                authorizedAndAdmitted(ctx, serve);
            }
        };
        long latency = state.latency().toMillis();
        if (latency > 0) {
            vertx.setTimer(latency, id -> act.run());
        } else {
            act.run();
        }
    }

    private void authorizedAndAdmitted(RoutingContext ctx, Handler<RoutingContext> serve) {
        String header = ctx.request().getHeader("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim()
                : null;
        boolean valid = token != null && state.azure().audienceOf(token)
                .filter(audience -> IdentityEmulator.sameResource(audience, EntraEmulator.PARTNER_CENTER_RESOURCE))
                .isPresent();
        if (!valid) {
            ctx.response().putHeader("WWW-Authenticate", "OAuth realm=urn:cpsvc:cpid:emulated");
            error(ctx, 401, 401, token == null ? "Authorization header is missing."
                    : "The access token was not issued by the emulated Entra ID for Partner Center.");
            return;
        }
        OptionalLong retryAfter = state.admit(System.currentTimeMillis());
        if (retryAfter.isPresent()) {
            throttle(ctx, retryAfter.getAsLong());
            return;
        }
        Optional<Fault> fault = state.takeFault(ctx.request().method().name(), ctx.request().path());
        if (fault.isEmpty()) {
            serve.handle(ctx);
            return;
        }
        applyFault(ctx, fault.get(), serve);
    }

    private void applyFault(RoutingContext ctx, Fault fault, Handler<RoutingContext> serve) {
        int generation = state.generation();
        Runnable act = () -> {
            if (fault.cut(ctx.request())) {
                return;
            }
            if (generation != state.generation()) {
                ctx.request().connection().close();
            } else if (fault.body() != null) {
                ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(fault.body());
            } else if (fault.status() == 429) {
                fault.headers().forEach(ctx.response()::putHeader);
                throttle(ctx, Long.parseLong(fault.headers().getOrDefault("Retry-After", "1")));
            } else if (fault.status() > 0) {
                fault.headers().forEach(ctx.response()::putHeader);
                error(ctx, fault.status(), fault.code(), "Injected fault: " + fault.code() + ".");
            } else {
                serve.handle(ctx);
            }
        };
        fault.answer(vertx, act);
    }

    private void customers(RoutingContext ctx) {
        int size;
        try {
            size = Integer.parseInt(Optional.ofNullable(ctx.request().getParam("size")).orElse(""));
        } catch (NumberFormatException e) {
            size = 0;
        }
        if (size < 1) {
            error(ctx, 400, 400, "The query parameter 'size' is required: a number of customers from 1.");
            return;
        }
        int offset = 0;
        String seek = ctx.request().getParam("seekOperation");
        if (seek != null) {
            if (!"next".equalsIgnoreCase(seek)) {
                error(ctx, 400, 400, "The emulator supports seekOperation=Next only, not '" + seek + "'.");
                return;
            }
            String token = ctx.request().getHeader(CONTINUATION);
            if (token == null) {
                error(ctx, 400, 400, "seekOperation=Next needs the " + CONTINUATION
                        + " header of the previous page's links.next.");
                return;
            }
            Optional<Integer> from = state.continuationOffset(token);
            if (from.isEmpty()) {
                error(ctx, 400, 400, "The " + CONTINUATION + " is not valid or has expired.");
                return;
            }
            offset = from.get();
        }
        int pageSize = Math.min(size, state.pageSize());
        List<PartnerCenterState.Customer> page = state.customers(offset, pageSize);
        JsonArray items = new JsonArray();
        page.forEach(customer -> items.add(customer(customer)));
        JsonObject links = new JsonObject().put("self", link("/v1/customers?size=" + size, List.of()));
        int next = offset + page.size();
        if (next < state.customerCount()) {
            links.put("next", link("/v1/customers?size=" + size + "&seekOperation=Next",
                    List.of(new JsonObject().put("key", CONTINUATION).put("value", state.continuation(next)))));
        }
        json(ctx, 200, collection(items).put("links", links));
    }

    private void subscriptions(RoutingContext ctx) {
        Optional<PartnerCenterState.Customer> customer = state.customer(ctx.pathParam("customer"));
        if (customer.isEmpty()) {
            customerNotFound(ctx, ctx.pathParam("customer"));
            return;
        }
        JsonArray items = new JsonArray();
        state.subscriptions(customer.get()).forEach(s -> items.add(subscription(customer.get(), s)));
        json(ctx, 200, collection(items).put("links", new JsonObject()
                .put("self", link("/customers/" + customer.get().tenantId() + "/subscriptions", List.of()))));
    }

    private void subscription(RoutingContext ctx) {
        String customerId = ctx.pathParam("customer");
        Optional<PartnerCenterState.Customer> customer = state.customer(customerId);
        if (customer.isEmpty()) {
            customerNotFound(ctx, customerId);
            return;
        }
        state.subscription(customerId, ctx.pathParam("subscription")).ifPresentOrElse(
                s -> json(ctx, 200, subscription(customer.get(), s)),
                () -> subscriptionNotFound(ctx, ctx.pathParam("subscription")));
    }

    private void entitlements(RoutingContext ctx) {
        String customerId = ctx.pathParam("param0");
        if (state.customer(customerId).isEmpty()) {
            customerNotFound(ctx, customerId);
            return;
        }
        Optional<PartnerCenterState.Subscription> plan = state.subscription(customerId, ctx.pathParam("param1"));
        if (plan.isEmpty()) {
            subscriptionNotFound(ctx, ctx.pathParam("param1"));
            return;
        }
        JsonArray items = new JsonArray();
        state.entitlements(plan.get()).forEach(e -> items.add(new JsonObject()
                .put("id", e.id())
                .put("friendlyName", "Microsoft Azure")
                .put("status", e.status())
                .put("subscriptionId", e.planSubscriptionId())));
        json(ctx, 200, collection(items));
    }

    private static JsonObject customer(PartnerCenterState.Customer customer) {
        String domain = customer.companyName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "")
                + ".onmicrosoft.com";
        return new JsonObject()
                .put("id", customer.tenantId())
                .put("companyProfile", new JsonObject()
                        .put("tenantId", customer.tenantId())
                        .put("domain", domain)
                        .put("companyName", customer.companyName())
                        .put("attributes", new JsonObject().put("objectType", "CustomerCompanyProfile")))
                .put("relationshipToPartner", "reseller")
                .put("attributes", new JsonObject().put("objectType", "Customer"));
    }

    /** A subscription resource as the documented samples show one (dates fixed: the emulator does not track time). */
    private static JsonObject subscription(PartnerCenterState.Customer customer, PartnerCenterState.Subscription s) {
        boolean azurePlan = s.offerId().toUpperCase(Locale.ROOT).startsWith("DZH318Z0BPS6:");
        boolean legacyAzure = s.offerId().toUpperCase(Locale.ROOT).startsWith("MS-AZR-");
        String name = azurePlan ? "Azure plan" : legacyAzure ? "Microsoft Azure" : "Office 365 E3";
        JsonObject subscription = new JsonObject().put("id", s.id());
        if (s.entitlementId() != null) {
            subscription.put("entitlementId", s.entitlementId());
        }
        return subscription
                .put("offerId", s.offerId())
                .put("offerName", name)
                .put("friendlyName", name)
                .put("quantity", 1)
                .put("unitType", azurePlan || legacyAzure ? "Usage-based" : "Licenses")
                .put("creationDate", "2024-01-15T09:30:05.427Z")
                .put("effectiveStartDate", "2024-01-15T00:00:00Z")
                .put("commitmentEndDate", "9999-12-31T00:00:00Z")
                .put("status", s.status())
                .put("autoRenewEnabled", !(azurePlan || legacyAzure))
                .put("billingType", azurePlan || legacyAzure ? "usage" : "license")
                .put("contractType", "subscription")
                .put("links", subscriptionLinks(customer, s))
                .put("orderId", UUID.nameUUIDFromBytes(s.id().getBytes(UTF_8)).toString())
                .put("attributes", new JsonObject()
                        .put("etag", Base64.getEncoder().encodeToString(s.id().getBytes(UTF_8)))
                        .put("objectType", "Subscription"));
    }

    /** A legacy offer links to its offer; a new-commerce one ({@code product:sku:availability}) to those. */
    private static JsonObject subscriptionLinks(PartnerCenterState.Customer customer,
            PartnerCenterState.Subscription s) {
        JsonObject links = new JsonObject();
        String[] parts = s.offerId().split(":");
        if (parts.length == 3) {
            links.put("product", link("/products/" + parts[0] + "?country=US", List.of()))
                    .put("sku", link("/products/" + parts[0] + "/skus/" + parts[1] + "?country=US", List.of()))
                    .put("availability", link("/products/" + parts[0] + "/skus/" + parts[1] + "/availabilities/"
                            + parts[2] + "?country=US", List.of()));
        } else {
            links.put("offer", link("/offers/" + s.offerId() + "?country=US", List.of()));
        }
        return links.put("self", link("/customers/" + customer.tenantId() + "/subscriptions/" + s.id(), List.of()));
    }

    private static JsonObject collection(JsonArray items) {
        return new JsonObject().put("totalCount", items.size()).put("items", items)
                .put("attributes", new JsonObject().put("objectType", "Collection"));
    }

    private static JsonObject link(String uri, List<JsonObject> headers) {
        return new JsonObject().put("uri", uri).put("method", "GET").put("headers", new JsonArray(headers));
    }

    private static void customerNotFound(RoutingContext ctx, String customer) {
        error(ctx, 404, NOT_FOUND, "Customer " + customer + " could not be found");
    }

    private static void subscriptionNotFound(RoutingContext ctx, String subscription) {
        error(ctx, 404, NOT_FOUND, "Subscription " + subscription + " could not be found");
    }

    /** Partner Center's 429: its own shape, unlike the error schema, with {@code Retry-After} in seconds. */
    private void throttle(RoutingContext ctx, long seconds) {
        state.countThrottled();
        ctx.response().putHeader("Retry-After", Long.toString(seconds));
        json(ctx, 429, new JsonObject().put("statusCode", 429)
                .put("message", "Rate limit is exceeded. Try again in " + seconds + " seconds."));
    }

    /** Partner Center's error schema: {@code code} (a number in the real samples), description, data, source. */
    private static void error(RoutingContext ctx, int status, Object code, String description) {
        Object value = code;
        if (code instanceof String text && text.matches("\\d+")) {
            value = Integer.parseInt(text);
        }
        json(ctx, status, new JsonObject().put("code", value).put("description", description)
                .put("data", new JsonArray()).put("source", "PartnerFD"));
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }
}
