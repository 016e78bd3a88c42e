package com.tenantregistrar.emulator;

import java.time.Instant;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * The App Service managed-identity endpoint ({@code IDENTITY_ENDPOINT} with the {@code IDENTITY_HEADER} secret,
 * api-version 2019-08-01), which azure-identity's ManagedIdentityCredential calls for the ARM token, for the
 * client assertion that the emulated Entra exchanges for a Partner Center token, and for the Azure Storage token
 * (a JWT that Azurite's OAuth mode accepts, see {@link StorageToken}). It answers for the system-assigned identity,
 * or for the user-assigned one the request names in {@code client_id}, and records which was asked. Like the real
 * one it is plain HTTP on the loopback interface.
 */
public final class IdentityEmulator extends LoopbackServer {

    private static final Logger LOG = Logger.getLogger(IdentityEmulator.class);
    static final String PATH = "/msi/token";
    /** The resource Azure Storage's Blob and Table clients ask a token for (scope {@code …/.default}). */
    public static final String STORAGE_RESOURCE = "https://storage.azure.com/";
    /** The client ID of the system-assigned identity, when a request names none. */
    private static final String SYSTEM_ASSIGNED_CLIENT_ID = "00000000-0000-0000-0000-000000000000";

    private final Vertx vertx;
    private final EmulatorState state;
    private final String identityHeader;
    private final String audience;
    private final StorageToken storageTokens = new StorageToken();

    /**
     * @param identityHeader the secret expected in {@code X-IDENTITY-HEADER}, the app's {@code IDENTITY_HEADER}
     * @param audience the resource it issues tokens for: the app's {@code REGISTRAR_ARM_AUDIENCE}; besides, it
     *        issues client assertions for Entra's workload identity federation ({@code api://AzureADTokenExchange})
     */
    public IdentityEmulator(Vertx vertx, EmulatorState state, String identityHeader, String audience) {
        this.vertx = vertx;
        this.state = state;
        this.identityHeader = identityHeader;
        this.audience = audience;
    }

    /** Listens on {@code port} (0: any free port) of 127.0.0.1. */
    public IdentityEmulator start(int port) {
        listen(vertx, new HttpServerOptions().setHost("127.0.0.1"), state.wire().capture("identity", this::handle),
                port);
        LOG.infof("Emulated managed-identity endpoint listening on http://127.0.0.1:%d%s", port(), PATH);
        return this;
    }

    /** The URL the app's {@code IDENTITY_ENDPOINT} must hold. */
    public String endpoint() {
        return "http://127.0.0.1:" + port() + PATH;
    }

    private void handle(HttpServerRequest request) {
        String resource = request.getParam("resource");
        String clientId = request.getParam("client_id", SYSTEM_ASSIGNED_CLIENT_ID);
        state.tokenRequested(resource, clientId);
        if (!PATH.equals(request.path()) || !"GET".equals(request.method().name())) {
            answer(request, 404, new JsonObject().put("statusCode", 404).put("message", "Not found"));
        } else if (!identityHeader.equals(request.getHeader("X-IDENTITY-HEADER"))) {
            answer(request, 401, new JsonObject().put("statusCode", 401).put("message", "X-IDENTITY-HEADER is wrong"));
        } else if (!"2019-08-01".equals(request.getParam("api-version"))) {
            answer(request, 400, new JsonObject().put("statusCode", 400).put("message", "Unsupported api-version"));
        } else if (state.failsTokens()) {
            answer(request, 500, new JsonObject().put("statusCode", 500).put("message", "Internal server error"));
        } else if (state.refusesTokens() || resource == null || !(sameResource(resource, audience)
                || sameResource(resource, EntraEmulator.TOKEN_EXCHANGE_AUDIENCE)
                || sameResource(resource, STORAGE_RESOURCE))) {
            answer(request, 400, new JsonObject().put("statusCode", 400)
                    .put("message", "No managed identity token for resource " + resource));
        } else {
            Instant expires = Instant.now().plusSeconds(3600);
            String token = sameResource(resource, STORAGE_RESOURCE)
                    ? state.issued(storageTokens.issue(state.storageTokenAudience().orElse(resource), clientId,
                            expires), resource)
                    : state.issueToken(resource);
            answer(request, 200, new JsonObject()
                    .put("access_token", token)
                    .put("expires_on", Long.toString(expires.getEpochSecond()))
                    .put("resource", resource)
                    .put("token_type", "Bearer")
                    .put("client_id", clientId));
        }
    }

    /** Whether two resource URIs name the same audience; a trailing '/' does not matter. */
    public static boolean sameResource(String a, String b) {
        return strip(a).equalsIgnoreCase(strip(b));
    }

    private static String strip(String resource) {
        return resource.endsWith("/") ? resource.substring(0, resource.length() - 1) : resource;
    }

    private static void answer(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
