package com.tenantregistrar.arm;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.resourcemanager.resources.fluentcore.utils.HttpPipelineProvider;
import com.tenantregistrar.config.RegistrarConfig;
import com.tenantregistrar.outbound.OutboundHttpOptions;
import com.tenantregistrar.outbound.ServiceRetryStrategy;
import com.tenantregistrar.telemetry.CallMetricsPolicy;
import com.tenantregistrar.telemetry.MetricNames;
import com.tenantregistrar.telemetry.RegistrarMetrics;

import io.vertx.core.Vertx;

import reactor.core.publisher.Mono;

/**
 * The authenticated connection to Azure Resource Manager: one azure-core HTTP pipeline (token, retry, logging
 * policies) over a Vert.x HTTP client that shares Quarkus' event loop, used for every ARM call.
 * <p>
 * Built on first use, not at start-up: a cold start only has to listen on the port, and the credential is not
 * asked for a token before a function needs one.
 */
@ApplicationScoped
public class ArmConnection {

    private final RegistrarConfig config;
    private final Vertx vertx;
    /**
     * How long a call waits for its token: azure-identity (MSAL) retries a failing identity endpoint for about 25 s,
     * which with several calls in turn would keep a caller past the Functions HTTP limit.
     */
    static final Duration TOKEN_BUDGET = Duration.ofSeconds(8);

    private final OutboundHttpOptions httpOptions;
    private final RegistrarMetrics metrics;
    private HttpPipeline pipeline;
    private HttpPipeline pacedPipeline;
    private TokenCredential credential;
    private HttpClient httpClient;

    @Inject
    public ArmConnection(RegistrarConfig config, Vertx vertx, OutboundHttpOptions httpOptions,
            RegistrarMetrics metrics) {
        this.config = config;
        this.vertx = vertx;
        this.httpOptions = httpOptions;
        this.metrics = metrics;
    }

    /** The ARM pipeline: bearer token, retry and logging policies over the shared HTTP client. */
    public synchronized HttpPipeline pipeline() {
        if (pipeline == null) {
            connect();
        }
        return pipeline;
    }

    /**
     * The same pipeline (token, credential, HTTP client) but for its retry, which leaves a 429 to the caller: for
     * writes that pace themselves to ARM's throttling ({@link WritePacing}), which wait out the Retry-After
     * without holding a request's turn.
     */
    public synchronized HttpPipeline pacedPipeline() {
        if (pipeline == null) {
            connect();
        }
        return pacedPipeline;
    }

    /**
     * Asks the pipeline's credential for the ARM token once, without an ARM request: a call that fans out over
     * several registrations asks this first and shares its outcome, so that a failing identity endpoint costs the
     * call one attempt, given up after {@link #TOKEN_BUDGET} (as a {@link ClientAuthenticationException}: no token),
     * not one per registration. The token is then in the credential's cache (MSAL's), where each request's token
     * policy finds it.
     */
    public Mono<AccessToken> token() {
        return Mono.defer(() -> {
            pipeline();
            TokenCredential current;
            synchronized (this) {
                current = credential;
            }
            return current.getToken(new TokenRequestContext().addScopes(scope()));
        }).timeout(TOKEN_BUDGET, Mono.error(() -> new ClientAuthenticationException("The managed identity gave no "
                + "token within " + TOKEN_BUDGET.toSeconds() + " s (the identity endpoint is failing or slow)",
                null)));
    }

    /**
     * Forgets the ARM token after ARM refused it (401): the next call builds a new pipeline (whose token policy
     * caches the token) and a new credential, which asks for the token again. MSAL, under the managed-identity
     * credential, keeps its own process-wide token cache, which has no public way to be emptied; it serves a new
     * token once the cached one nears expiry.
     */
    public synchronized void forgetToken() {
        pipeline = null;
        pacedPipeline = null;
    }

    /** The ARM base URL, ending in '/'. */
    public String endpoint() {
        String endpoint = config.arm().endpoint().toString();
        return endpoint.endsWith("/") ? endpoint : endpoint + "/";
    }

    /** Builds both pipelines over one new credential. */
    private void connect() {
        HttpClient httpClient = httpClient();
        credential = new FailFastCredential(credential(httpClient));
        pipeline = pipeline(httpClient, true);
        pacedPipeline = pipeline(httpClient, false);
    }

    private HttpPipeline pipeline(HttpClient httpClient, boolean retryThrottled) {
        RegistrarConfig.Retry retry = config.arm().retry();
        RetryPolicy retryPolicy = new RetryPolicy(new ServiceRetryStrategy("ARM", retry.maxRetries(),
                retry.baseDelay(), retry.maxDelay(), retry.maxRetryAfter(), response -> response.getRequest()
                        .getHttpMethod() + " answered " + response.getStatusCode() + ", armRequestId="
                        + response.getHeaderValue(HttpHeaderName.X_MS_REQUEST_ID), retryThrottled));
        // The pipeline a ResourceManager carries (user agent, request IDs, retry, date, ARM's challenge-aware bearer
        // token, logging) without the manager's generated service clients, which no call uses and whose proxies a
        // class-data archive cannot hold. The profile's environment would only name a scope if none were given.
        // Each try is timed and counted by its status (CallMetricsPolicy).
        return HttpPipelineProvider.buildHttpPipeline(credential,
                new AzureProfile(AzureEnvironment.AZURE), new String[] { scope() },
                new HttpLogOptions().setLogLevel(HttpLogDetailLevel.NONE), null, retryPolicy,
                List.of(new CallMetricsPolicy(MetricNames.ARM, metrics)), httpClient);
    }

    private String scope() {
        String audience = config.arm().audience();
        return audience.endsWith("/") ? audience + ".default" : audience + "/.default";
    }

    /** One HTTP client (one connection pool, so one bound on concurrent ARM requests) for the app's lifetime. */
    private synchronized HttpClient httpClient() {
        if (httpClient == null) {
            httpClient = httpOptions.client("ARM", vertx, config.arm().connectTimeout(),
                    config.arm().maxConcurrency(), config.arm().responseTimeout());
        }
        return httpClient;
    }

    private TokenCredential credential(HttpClient httpClient) {
        return switch (config.credential()) {
            case MANAGED_IDENTITY -> {
                ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder().httpClient(httpClient);
                config.managedIdentityClientId().ifPresent(builder::clientId);
                yield builder.build();
            }
            case DEFAULT -> {
                DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder().httpClient(httpClient);
                config.managedIdentityClientId().ifPresent(builder::managedIdentityClientId);
                yield builder.build();
            }
        };
    }
}
