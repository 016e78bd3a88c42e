package com.tenantregistrar.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;


import org.jboss.logging.Logger;

import com.tenantregistrar.registration.Guid;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * An emulated Azure Resource Manager serving {@code Microsoft.AzureStack/registrations/customerSubscriptions}
 * over HTTPS, as the api-version 2017-06-01 spec examples show it: PUT (200 with a body or 201 without), GET of
 * one or of the collection (paged with {@code nextLink} and {@code $skipToken}), DELETE (200, or 204 when absent),
 * the documented error codes, and bearer tokens checked against those the emulated identity issued. As ARM, it keeps
 * one subscription per tenant per registration: a PUT of a tenant's second subscription unmaps its first, and a PUT
 * over an existing entry changes its tenant. It also
 * serves the files of an emulated certificate store, where tests put Partner Center-like signing certificates.
 */
public final class ArmEmulator extends LoopbackServer {

    private static final Logger LOG = Logger.getLogger(ArmEmulator.class);
    private static final String PATH = "(?i)/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/"
            + "Microsoft\\.AzureStack/registrations/([^/]+)/customerSubscriptions(?:/([^/]+))?/?";
    private static final List<String> API_VERSIONS = List.of("2017-06-01", "2020-06-01-preview", "2022-06-01");
    private static final String TYPE = "Microsoft.AzureStack/registrations/customerSubscriptions";

    private final Vertx vertx;
    private final EmulatorState state;
    private final EmulatorCertificate certificate;
    private final String audience;

    /**
     * @param audience the token audience ARM accepts: the app's {@code REGISTRAR_ARM_AUDIENCE}
     */
    public ArmEmulator(Vertx vertx, EmulatorState state, EmulatorCertificate certificate, String audience) {
        this.vertx = vertx;
        this.state = state;
        this.certificate = certificate;
        this.audience = audience;
    }

    /** Listens on {@code port} (0: any free port) of localhost. */
    public ArmEmulator start(int port) {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create());
        router.routeWithRegex(PATH).handler(this::handle);
        router.get().handler(this::blob);
        router.route().handler(ctx -> {
            if (ctx.request().path().startsWith("/subscriptions/")) {
                // Recorded too, so that a test sees any other ARM call the app makes (which it never should).
                state.record(new EmulatorState.ArmRequest(ctx.request().method().name(), ctx.request().path(),
                        ctx.request().query(), ctx.body().asString(),
                        ctx.request().getHeader("x-ms-correlation-request-id")));
            }
            error(ctx, 404, "InvalidResourceType", "The emulator serves only " + TYPE + ".");
        });
        listen(vertx, new HttpServerOptions().setSsl(true).setKeyCertOptions(certificate.keyCertOptions())
                .setHost("localhost"), state.wire().capture("ARM", router), port);
        LOG.infof("Emulated ARM listening on https://localhost:%d/", port());
        return this;
    }

    private void handle(RoutingContext ctx) {
        String method = ctx.request().method().name();
        String path = ctx.request().path();
        String correlationId = ctx.request().getHeader("x-ms-correlation-request-id");
        state.record(new EmulatorState.ArmRequest(method, path, ctx.request().query(), ctx.body().asString(),
                correlationId));
        // As ARM does: its own ID of the request, and the caller's correlation ID (or a new one) on every answer.
        ctx.response().putHeader("x-ms-request-id", UUID.randomUUID().toString())
                .putHeader("x-ms-correlation-request-id", correlationId != null ? correlationId
                        : UUID.randomUUID().toString());
        state.requestStarted();
        ctx.addEndHandler(done -> state.requestEnded());
        if (!authorized(ctx)) {
            return;
        }
        Optional<Fault> fault = state.takeFault(method, path);
        if (fault.isPresent()) {
            applyFault(ctx, fault.get());
        } else if (("PUT".equals(method) || "DELETE".equals(method)) && ctx.pathParam("param3") != null) {
            write(ctx, method);
        } else {
            serve(ctx);
        }
    }

    /**
     * A PUT or DELETE of one entry, through ARM's throttling when the test turned it on: each takes a token of its
     * subscription's bucket, and one that finds none is answered 429 with {@code Retry-After} (whole seconds, as ARM
     * sends it), the remaining quota in {@code x-ms-ratelimit-remaining-subscription-writes} (or {@code -deletes})
     * and ARM's error body, having changed nothing. An admitted write is answered after the emulated latency.
     */
    private void write(RoutingContext ctx, String method) {
        Optional<TokenBucket.Take> take = state.takeWriteToken(ctx.pathParam("param0"), method);
        String quota = "x-ms-ratelimit-remaining-subscription-" + ("DELETE".equals(method) ? "deletes" : "writes");
        if (take.isPresent()) {
            ctx.response().putHeader(quota, Long.toString(take.get().remaining()));
            if (!take.get().admitted()) {
                long seconds = Math.max(1, (take.get().retryAfter().toMillis() + 999) / 1000);
                ctx.response().putHeader("Retry-After", Long.toString(seconds));
                error(ctx, 429, "SubscriptionRequestsThrottled", "Number of '" + ("DELETE".equals(method)
                        ? "delete" : "write") + "' requests for subscription '" + ctx.pathParam("param0")
                        + "' exceeded. Please try again after '" + seconds + "' seconds after additional tokens are "
                        + "available.");
                return;
            }
        }
        Duration latency = state.writeLatency();
        if (latency.isZero()) {
            serve(ctx);
        } else {
            int generation = state.generation();
            vertx.setTimer(latency.toMillis(), id -> {
                if (generation == state.generation()) {
                    serve(ctx);
                } else {
                    ctx.request().connection().close();
                }
            });
        }
    }

    /** The emulated certificate store: public files, no token needed, as Partner Center's blob container. */
    private void blob(RoutingContext ctx) {
        String path = ctx.request().path();
        state.recordBlobRequest(path);
        Optional<EmulatorState.Blob> blob = state.blob(path);
        if (blob.isEmpty()) {
            ctx.next();
        } else if (blob.get().redirectTo() != null) {
            ctx.response().setStatusCode(302).putHeader("Location", blob.get().redirectTo()).end();
        } else {
            ctx.response().putHeader("Content-Type", "application/pkix-cert")
                    .end(Buffer.buffer(blob.get().content()));
        }
    }

    private boolean authorized(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim()
                : null;
        Optional<String> tokenAudience = token == null ? Optional.empty() : state.audienceOf(token);
        if (tokenAudience.isEmpty()) {
            ctx.response().putHeader("WWW-Authenticate",
                    "Bearer authorization_uri=\"https://login.microsoftonline.com/common\", error=\"invalid_token\"");
            error(ctx, 401, token == null ? "AuthenticationFailed" : "InvalidAuthenticationToken",
                    "The access token is missing or was not issued by the emulated identity endpoint.");
            return false;
        }
        if (!IdentityEmulator.sameResource(tokenAudience.get(), audience)) {
            error(ctx, 401, "InvalidAuthenticationTokenAudience",
                    "The access token has the wrong audience: " + tokenAudience.get());
            return false;
        }
        return true;
    }

    private void applyFault(RoutingContext ctx, Fault fault) {
        int generation = state.generation();
        Runnable act = () -> {
            if (fault.cut(ctx.request())) {
                return;
            }
            if (generation != state.generation()) {
                ctx.request().connection().close();
            } else if (fault.status() > 0) {
                fault.headers().forEach(ctx.response()::putHeader);
                error(ctx, fault.status(), fault.code(), "Injected fault: " + fault.code() + ".");
            } else {
                serve(ctx);
            }
        };
        fault.answer(vertx, act);
    }

    private void serve(RoutingContext ctx) {
        String apiVersion = ctx.request().getParam("api-version");
        if (apiVersion == null || !API_VERSIONS.contains(apiVersion)) {
            error(ctx, 400, "NoRegisteredProviderFound", "No registered resource provider found for API version '"
                    + apiVersion + "' and type '" + TYPE + "'. Supported: " + String.join(", ", API_VERSIONS) + ".");
            return;
        }
        String registrationId = "/subscriptions/" + ctx.pathParam("param0") + "/resourceGroups/"
                + ctx.pathParam("param1") + "/providers/Microsoft.AzureStack/registrations/" + ctx.pathParam("param2");
        String registrationName = ctx.pathParam("param2");
        Optional<Map<String, String[]>> customers = state.customers(registrationId);
        if (customers.isEmpty()) {
            error(ctx, 404, "RegistrationNotFound", "Registration '" + registrationName + "' was not found in "
                    + "resource group '" + ctx.pathParam("param1") + "'.");
            return;
        }
        String subscription = ctx.pathParam("param3");
        String method = ctx.request().method().name();
        synchronized (customers.get()) {
            if (subscription == null) {
                if ("GET".equals(method)) {
                    list(ctx, registrationId, registrationName, customers.get());
                } else {
                    error(ctx, 405, "MethodNotAllowed", "The collection accepts GET only.");
                }
                return;
            }
            switch (method) {
                case "PUT" -> put(ctx, subscription, customers.get());
                case "GET" -> get(ctx, registrationId, registrationName, subscription, customers.get());
                case "DELETE" -> delete(ctx, subscription, customers.get());
                default -> error(ctx, 405, "MethodNotAllowed", "Use PUT, GET or DELETE.");
            }
        }
    }

    private void put(RoutingContext ctx, String subscription, Map<String, String[]> customers) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            body = null;
        }
        String tenant = body == null ? null : Optional.ofNullable(body.getJsonObject("properties"))
                .map(p -> p.getString("tenantId")).orElse(null);
        if (tenant == null || !Guid.isGuid(tenant)) {
            error(ctx, 400, "InvalidRequestContent", "The request content must be {\"properties\":{\"tenantId\":\"<guid>\"}}.");
            return;
        }
        EmulatorState.put(customers, subscription, tenant);
        if (state.putStyle() == EmulatorState.PutStyle.CREATED_EMPTY) {
            ctx.response().setStatusCode(201).end();
        } else if (state.putStyle() == EmulatorState.PutStyle.ACCEPTED_ASYNC) {
            // Followed, these would lead nowhere: the emulator serves no operation status.
            String operation = "https://localhost:" + port() + "/providers/Microsoft.AzureStack/operations/"
                    + UUID.randomUUID();
            ctx.response().setStatusCode(202).putHeader("Location", operation)
                    .putHeader("Azure-AsyncOperation", operation).putHeader("Retry-After", "1").end();
        } else {
            // The spec example's 200 body, empty id, name and type included.
            json(ctx, 200, new JsonObject().put("id", "").put("name", "").put("type", "")
                    .put("properties", new JsonObject().put("tenantId", tenant)));
        }
    }

    private void get(RoutingContext ctx, String registrationId, String registrationName, String subscription,
            Map<String, String[]> customers) {
        String[] entry = customers.get(subscription.toLowerCase(Locale.ROOT));
        if (entry == null) {
            notRegistered(ctx, subscription);
        } else {
            json(ctx, 200, resource(registrationId, registrationName, entry));
        }
    }

    private void delete(RoutingContext ctx, String subscription, Map<String, String[]> customers) {
        boolean existed = customers.remove(subscription.toLowerCase(Locale.ROOT)) != null;
        ctx.response().setStatusCode(existed ? 200 : 204).end();
    }

    private void list(RoutingContext ctx, String registrationId, String registrationName,
            Map<String, String[]> customers) {
        int skip;
        try {
            skip = Math.max(0, Integer.parseInt(Optional.ofNullable(ctx.request().getParam("$skipToken")).orElse("0")));
        } catch (NumberFormatException e) {
            error(ctx, 400, "InvalidSkipToken", "The $skipToken is not one this emulator issued.");
            return;
        }
        List<String[]> all = new ArrayList<>(customers.values());
        int end = Math.min(all.size(), skip + state.pageSize());
        JsonArray value = new JsonArray();
        all.subList(Math.min(skip, end), end).forEach(entry -> value.add(resource(registrationId, registrationName, entry)));
        JsonObject page = new JsonObject().put("value", value);
        if (end < all.size()) {
            String origin = state.nextLinkOrigin().orElse("https://localhost:" + port());
            page.put("nextLink", origin + ctx.request().path() + "?api-version="
                    + ctx.request().getParam("api-version") + "&$skipToken=" + end);
        }
        json(ctx, 200, page);
    }

    private static JsonObject resource(String registrationId, String registrationName, String[] entry) {
        return new JsonObject()
                .put("id", registrationId + "/customerSubscriptions/" + entry[0])
                .put("name", registrationName + "/" + entry[0])
                .put("type", TYPE)
                .put("properties", new JsonObject().put("tenantId", entry[1]));
    }

    private static void notRegistered(RoutingContext ctx, String subscription) {
        error(ctx, 404, "CustomerSubscriptionNotFound", "Customer subscription '" + subscription
                + "' is not registered under this registration.");
    }

    private static void error(RoutingContext ctx, int status, String code, String message) {
        json(ctx, status, new JsonObject().put("error", new JsonObject().put("code", code).put("message", message)
                .put("target", (String) null).put("details", new JsonArray()).put("additionalInfo", new JsonArray())));
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }
}
