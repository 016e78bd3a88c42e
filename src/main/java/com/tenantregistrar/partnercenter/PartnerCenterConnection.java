package com.tenantregistrar.partnercenter;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.identity.AadCredentialBuilderBase;
import com.azure.identity.AzureAuthorityHosts;
import com.azure.identity.ClientAssertionCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.ManagedIdentityCredential;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.tenantregistrar.config.RegistrarConfig;
import com.tenantregistrar.outbound.OutboundHttpOptions;
import com.tenantregistrar.outbound.ServiceRetryStrategy;
import com.tenantregistrar.telemetry.CallMetricsPolicy;
import com.tenantregistrar.telemetry.MetricNames;
import com.tenantregistrar.telemetry.RegistrarMetrics;

import io.vertx.core.Vertx;

/**
 * The authenticated connection to Partner Center, as the app registered there (app-only: no user, no MFA prompt):
 * one azure-core pipeline ({@code MS-RequestId} per call, retry, {@code MS-CorrelationId} per try, bearer token for
 * {@link #SCOPE}) over a Vert.x HTTP client that shares Quarkus' event loop, whose pool of at most
 * {@code REGISTRAR_PARTNER_CENTER_MAX_CONCURRENCY} connections bounds the requests under way.
 * <p>
 * Built on first use, like the ARM connection: start-up only checks the settings.
 */
@ApplicationScoped
public class PartnerCenterConnection {

    /** The app-only token's scope (the documented sample's AAD Graph audience is retired). */
    static final String SCOPE = "https://api.partnercenter.microsoft.com/.default";

    /** The audience of the managed-identity token that workload identity federation takes as client assertion. */
    static final String TOKEN_EXCHANGE_SCOPE = "api://AzureADTokenExchange/.default";

    /** The authority hosts MSAL knows (azure-identity's {@code AzureAuthorityHosts}). */
    private static final Set<String> PUBLIC_CLOUDS = Set.of(AzureAuthorityHosts.AZURE_PUBLIC_CLOUD,
            AzureAuthorityHosts.AZURE_CHINA, AzureAuthorityHosts.AZURE_GOVERNMENT);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Microsoft's own Partner Center SDKs retry three times. */
    static final int MAX_RETRIES = 3;
    private static final Duration BASE_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_DELAY = Duration.ofSeconds(16);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private final RegistrarConfig config;
    private final Vertx vertx;
    private final OutboundHttpOptions httpOptions;
    private final RegistrarMetrics metrics;
    private volatile HttpPipeline pipeline;

    @Inject
    public PartnerCenterConnection(RegistrarConfig config, Vertx vertx, OutboundHttpOptions httpOptions,
            RegistrarMetrics metrics) {
        this.config = config;
        this.vertx = vertx;
        this.httpOptions = httpOptions;
        this.metrics = metrics;
    }

    /** Whether Partner Center is a source: {@code REGISTRAR_PARTNER_CENTER_CLIENT_ID} is set. */
    public boolean configured() {
        return config.partnerCenter().clientId().filter(id -> !id.isBlank()).isPresent();
    }

    /** The pipeline every Partner Center request is sent on. */
    HttpPipeline pipeline() {
        HttpPipeline current = pipeline;
        if (current == null) {
            synchronized (this) {
                current = pipeline;
                if (current == null) {
                    current = connect();
                    pipeline = current;
                }
            }
        }
        return current;
    }

    /** The API's base URL, without a trailing '/'. */
    String endpoint() {
        String endpoint = config.partnerCenter().endpoint().toString();
        return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }

    private HttpPipeline connect() {
        RegistrarConfig.PartnerCenter settings = config.partnerCenter();
        HttpClient httpClient = httpOptions.client("Partner Center", vertx, CONNECT_TIMEOUT,
                settings.maxConcurrency(), RESPONSE_TIMEOUT);
        return new HttpPipelineBuilder()
                .httpClient(httpClient)
                .policies(PartnerCenterHeaders.requestId(),
                        new RetryPolicy(new ServiceRetryStrategy("Partner Center", MAX_RETRIES, BASE_DELAY,
                                MAX_DELAY, settings.budget(), response -> response.getRequest().getHttpMethod() + " "
                                        + response.getRequest().getUrl().getPath() + " answered "
                                        + response.getStatusCode() + ", MS-RequestId=" + response.getRequest()
                                                .getHeaders().getValue(PartnerCenterHeaders.REQUEST_ID))),
                        new CallMetricsPolicy(MetricNames.PARTNER_CENTER, metrics),
                        PartnerCenterHeaders.correlationId(),
                        new BearerTokenAuthenticationPolicy(credential(settings, httpClient), SCOPE))
                .build();
    }

    /** The registered app's credential, in the partner's tenant, from the Entra endpoint of AZURE_AUTHORITY_HOST. */
    private TokenCredential credential(RegistrarConfig.PartnerCenter settings, HttpClient httpClient) {
        String clientId = settings.clientId().orElseThrow().trim();
        String tenantId = settings.tenantId().orElseThrow().trim();
        String authorityHost = settings.authorityHost().toString();
        return switch (settings.credential()) {
            case MANAGED_IDENTITY -> {
                ManagedIdentityCredentialBuilder identity = new ManagedIdentityCredentialBuilder().httpClient(httpClient);
                config.managedIdentityClientId().filter(id -> !id.isBlank()).ifPresent(identity::clientId);
                ManagedIdentityCredential managedIdentity = identity.build();
                TokenRequestContext exchange = new TokenRequestContext().addScopes(TOKEN_EXCHANGE_SCOPE);
                // MSAL asks for the assertion on its own executor, never on an event loop, so it may block.
                yield entra(new ClientAssertionCredentialBuilder(), httpClient, authorityHost, tenantId, clientId)
                        .clientAssertion(() -> managedIdentity.getTokenSync(exchange).getToken())
                        .build();
            }
            case CLIENT_SECRET -> entra(new ClientSecretCredentialBuilder(), httpClient, authorityHost, tenantId,
                    clientId)
                    .clientSecret(settings.clientSecret().orElseThrow())
                    .build();
        };
    }

    /**
     * The Entra side of a credential. MSAL asks login.microsoftonline.com for the metadata of an authority host
     * that is not a public cloud's, which a sovereign or private Entra endpoint cannot answer there: it is skipped
     * for those, and the token endpoint called directly.
     */
    private static <T extends AadCredentialBuilderBase<T>> T entra(T builder, HttpClient httpClient,
            String authorityHost, String tenantId, String clientId) {
        builder.httpClient(httpClient).authorityHost(authorityHost).tenantId(tenantId).clientId(clientId);
        if (!PUBLIC_CLOUDS.contains(withSlash(authorityHost).toLowerCase(Locale.ROOT))) {
            builder.disableInstanceDiscovery();
        }
        return builder;
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }
}
