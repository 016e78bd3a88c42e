package com.tenantregistrar.emulator;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * An emulated Microsoft Entra ID token endpoint over HTTPS, for the app registered in Partner Center: the v2.0
 * client-credentials grant ({@code POST /{tenant}/oauth2/v2.0/token}) with a client secret, or with a client
 * assertion that is a token the emulated managed identity issued for {@code api://AzureADTokenExchange} (workload
 * identity federation). It issues tokens for the Partner Center scope only; a wrong tenant, client, secret,
 * assertion or scope is answered with Entra's error JSON. This is what MSAL, under azure-identity's
 * ClientSecretCredential and ClientAssertionCredential, asks of an authority host that is not a public cloud's
 * when instance discovery is disabled. Injected faults with a status, or that drop, apply to it too.
 */
public final class EntraEmulator extends LoopbackServer {

    private static final Logger LOG = Logger.getLogger(EntraEmulator.class);
    static final String PARTNER_CENTER_RESOURCE = "https://api.partnercenter.microsoft.com";
    static final String TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";
    private static final Set<String> OIDC_SCOPES = Set.of("openid", "profile", "offline_access");
    private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final Vertx vertx;
    private final PartnerCenterState state;
    private final EmulatorCertificate certificate;
    private final String tenantId;
    private final String clientId;
    private final String clientSecret;

    /**
     * @param tenantId the partner's tenant, the only one that knows the app
     * @param clientId the app registered in Partner Center
     * @param clientSecret its client secret
     */
    public EntraEmulator(Vertx vertx, PartnerCenterState state, EmulatorCertificate certificate, String tenantId,
            String clientId, String clientSecret) {
        this.vertx = vertx;
        this.state = state;
        this.certificate = certificate;
        this.tenantId = tenantId;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** Listens on {@code port} (0: any free port) of localhost. */
    public EntraEmulator start(int port) {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create());
        router.post("/:tenant/oauth2/v2.0/token").handler(this::token);
        router.route().handler(ctx -> state.record(new PartnerCenterState.EntraRequest(ctx.request().path(), null,
                null, null, error(ctx, 404, "invalid_request", 90001, "The emulated Entra serves only POST "
                        + "/{tenant}/oauth2/v2.0/token, not " + ctx.request().method() + " " + ctx.request().path()
                        + "."))));
        listen(vertx, new HttpServerOptions().setSsl(true).setKeyCertOptions(certificate.keyCertOptions())
                .setHost("localhost"), state.azure().wire().capture("Entra", router), port);
        LOG.infof("Emulated Entra ID listening on https://localhost:%d/", port());
        return this;
    }

    /** The authority host for azure-identity ({@code AZURE_AUTHORITY_HOST}). */
    public String authorityHost() {
        return "https://localhost:" + port() + "/";
    }

    private void token(RoutingContext ctx) {
        var form = ctx.request().formAttributes();
        String client = form.get("client_id");
        String scope = form.get("scope");
        String secret = form.get("client_secret");
        String assertion = form.get("client_assertion");
        String credential = secret != null ? "client_secret" : assertion != null ? "client_assertion" : null;
        Optional<Fault> fault = state.takeFault("POST", ctx.request().path());
        int status;
        if (fault.filter(Fault::drop).isPresent()) {
            ctx.request().connection().close();
            status = 0;
        } else if (fault.filter(f -> f.status() > 0).isPresent()) {
            fault.get().headers().forEach(ctx.response()::putHeader);
            status = error(ctx, fault.get().status(), "temporarily_unavailable", 90033,
                    "A transient error has occurred (injected fault). Please try again.");
        } else {
            status = answer(ctx, ctx.pathParam("tenant"), form.get("grant_type"), client, scope, secret,
                    form.get("client_assertion_type"), assertion);
        }
        state.record(new PartnerCenterState.EntraRequest(ctx.request().path(), client, scope, credential, status));
    }

    /** Answers the token request; returns the status answered. */
    private int answer(RoutingContext ctx, String tenant, String grantType, String client, String scope,
            String secret, String assertionType, String assertion) {
        if (!tenantId.equalsIgnoreCase(tenant)) {
            return error(ctx, 400, "invalid_request", 90002, "Tenant '" + tenant + "' not found.");
        }
        if (!"client_credentials".equals(grantType)) {
            return error(ctx, 400, "unsupported_grant_type", 70003,
                    "The app requested an unsupported grant type '" + grantType + "'.");
        }
        if (!clientId.equalsIgnoreCase(client)) {
            return error(ctx, 400, "unauthorized_client", 700016, "Application with identifier '" + client
                    + "' was not found in the directory '" + tenant + "'.");
        }
        if (secret != null) {
            if (!clientSecret.equals(secret)) {
                return error(ctx, 401, "invalid_client", 7000215, "Invalid client secret provided.");
            }
        } else if (assertion != null) {
            boolean fromManagedIdentity = state.azure().audienceOf(assertion)
                    .filter(audience -> IdentityEmulator.sameResource(audience, TOKEN_EXCHANGE_AUDIENCE)).isPresent();
            if (!JWT_BEARER.equals(assertionType) || !fromManagedIdentity) {
                return error(ctx, 400, "invalid_client", 70021,
                        "No matching federated identity record found for presented assertion.");
            }
        } else {
            return error(ctx, 401, "invalid_client", 7000218,
                    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
        }
        if (!partnerCenterScope(scope)) {
            return error(ctx, 400, "invalid_scope", 1002012, "The provided value for scope " + scope
                    + " is not valid. Client credential flows must have a scope value with /.default suffixed to "
                    + "the resource identifier (application ID URI); this emulator knows only "
                    + PARTNER_CENTER_RESOURCE + "/.default.");
        }
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store, no-cache")
                .end(new JsonObject()
                        .put("token_type", "Bearer")
                        .put("expires_in", 3599)
                        .put("ext_expires_in", 3599)
                        .put("access_token", state.azure().issueToken(PARTNER_CENTER_RESOURCE))
                        .encode());
        return 200;
    }

    /**
     * Whether the scope asks for Partner Center: its one resource scope is Partner Center's {@code /.default}. MSAL
     * adds {@code openid profile offline_access}, which Entra ignores in the client-credentials grant.
     */
    private static boolean partnerCenterScope(String scope) {
        if (scope == null) {
            return false;
        }
        List<String> resources = Arrays.stream(scope.trim().split("\\s+")).filter(s -> !OIDC_SCOPES.contains(s))
                .toList();
        return resources.size() == 1 && resources.get(0).equalsIgnoreCase(PARTNER_CENTER_RESOURCE + "/.default");
    }

    /** Entra's error JSON; returns {@code status}. */
    private static int error(RoutingContext ctx, int status, String error, int code, String description) {
        String trace = UUID.randomUUID().toString();
        String correlation = ctx.request().getHeader("client-request-id");
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject()
                        .put("error", error)
                        .put("error_description", "AADSTS" + code + ": " + description + " Trace ID: " + trace
                                + " Correlation ID: " + correlation)
                        .put("error_codes", new JsonArray().add(code))
                        .put("timestamp", Instant.now().toString())
                        .put("trace_id", trace)
                        .put("correlation_id", correlation != null ? correlation : UUID.randomUUID().toString())
                        .encode());
        return status;
    }
}
