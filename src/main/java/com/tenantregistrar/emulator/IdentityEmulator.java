package com.tenantregistrar.emulator;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.tenantregistrar.config.RegistrarConfig;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * The App Service managed-identity endpoint ({@code IDENTITY_ENDPOINT} with the {@code IDENTITY_HEADER} secret,
 * api-version 2019-08-01), which azure-identity's ManagedIdentityCredential calls for the ARM token. Like the real
 * one it is plain HTTP on the loopback interface.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class IdentityEmulator {

    private static final Logger LOG = Logger.getLogger(IdentityEmulator.class);
    static final String PATH = "/msi/token";

    @Inject
    EmulatorState state;
    @Inject
    EmulatorConfig config;
    @Inject
    RegistrarConfig registrarConfig;
    @Inject
    Vertx vertx;

    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    void start(@Observes StartupEvent event) {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"))
                .requestHandler(this::handle)
                .listen(config.identityPort()).toCompletionStage().toCompletableFuture().join();
        LOG.infof("Emulated managed-identity endpoint listening on http://127.0.0.1:%d%s", server.actualPort(), PATH);
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** How many token requests arrived since start, refused ones included. */
    public int tokenRequests() {
        return requests.get();
    }

    /** How many tokens were issued since start. */
    public int tokensIssued() {
        return issued.get();
    }

    private void handle(HttpServerRequest request) {
        requests.incrementAndGet();
        String resource = request.getParam("resource");
        if (!PATH.equals(request.path()) || !"GET".equals(request.method().name())) {
            answer(request, 404, new JsonObject().put("statusCode", 404).put("message", "Not found"));
        } else if (!config.identityHeader().equals(request.getHeader("X-IDENTITY-HEADER"))) {
            answer(request, 401, new JsonObject().put("statusCode", 401).put("message", "X-IDENTITY-HEADER is wrong"));
        } else if (!"2019-08-01".equals(request.getParam("api-version"))) {
            answer(request, 400, new JsonObject().put("statusCode", 400).put("message", "Unsupported api-version"));
        } else if (state.refusesTokens() || resource == null
                || !sameResource(resource, registrarConfig.arm().audience())) {
            answer(request, 400, new JsonObject().put("statusCode", 400)
                    .put("message", "No managed identity token for resource " + resource));
        } else {
            issued.incrementAndGet();
            answer(request, 200, new JsonObject()
                    .put("access_token", state.issueToken(resource))
                    .put("expires_on", Long.toString(Instant.now().plusSeconds(3600).getEpochSecond()))
                    .put("resource", resource)
                    .put("token_type", "Bearer")
                    .put("client_id", "00000000-0000-0000-0000-000000000000"));
        }
    }

    /** Whether two resource URIs name the same audience; a trailing '/' does not matter. */
    static boolean sameResource(String a, String b) {
        return strip(a).equalsIgnoreCase(strip(b));
    }

    private static String strip(String resource) {
        return resource.endsWith("/") ? resource.substring(0, resource.length() - 1) : resource;
    }

    private static void answer(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
