package com.tenantregistrar.arm;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.vertx.VertxHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.resourcemanager.resources.ResourceManager;
import com.tenantregistrar.config.RegistrarConfig;
import com.tenantregistrar.outbound.CallContextHttpClient;
import com.tenantregistrar.outbound.OutboundHttpOptions;
import com.tenantregistrar.outbound.ServiceRetryStrategy;
import com.tenantregistrar.registration.RegistrationCatalog;

import io.vertx.core.Vertx;

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
    private final OutboundHttpOptions httpOptions;
    private final RegistrationCatalog catalog;
    private volatile ResourceManager manager;
    private HttpClient httpClient;

    @Inject
    public ArmConnection(RegistrarConfig config, Vertx vertx, OutboundHttpOptions httpOptions,
            RegistrationCatalog catalog) {
        this.config = config;
        this.vertx = vertx;
        this.httpOptions = httpOptions;
        this.catalog = catalog;
    }

    /** The ARM pipeline: bearer token, retry and logging policies over the shared HTTP client. */
    public HttpPipeline pipeline() {
        return manager().httpPipeline();
    }

    /**
     * Forgets the ARM token after ARM refused it (401): the next call builds a new pipeline (whose token policy
     * caches the token) and a new credential, which asks for the token again. MSAL, under the managed-identity
     * credential, keeps its own process-wide token cache, which has no public way to be emptied; it serves a new
     * token once the cached one nears expiry.
     */
    public void forgetToken() {
        synchronized (this) {
            manager = null;
        }
    }

    /** The ARM base URL, ending in '/'. */
    public String endpoint() {
        String endpoint = config.arm().endpoint().toString();
        return endpoint.endsWith("/") ? endpoint : endpoint + "/";
    }

    private ResourceManager manager() {
        ResourceManager current = manager;
        if (current == null) {
            synchronized (this) {
                current = manager;
                if (current == null) {
                    current = connect();
                    manager = current;
                }
            }
        }
        return current;
    }

    private ResourceManager connect() {
        HttpClient httpClient = httpClient();
        RegistrarConfig.Retry retry = config.arm().retry();
        RetryPolicy retryPolicy = new RetryPolicy(new ServiceRetryStrategy("ARM", retry.maxRetries(),
                retry.baseDelay(), retry.maxDelay(), retry.maxRetryAfter(), response -> response.getRequest()
                        .getHttpMethod() + " answered " + response.getStatusCode() + ", armRequestId="
                        + response.getHeaderValue(HttpHeaderName.X_MS_REQUEST_ID)));
        String audience = config.arm().audience();
        AzureEnvironment environment = new AzureEnvironment(Map.of(
                "resourceManagerEndpointUrl", endpoint(),
                "managementEndpointUrl", audience,
                "activeDirectoryEndpointUrl", AzureEnvironment.AZURE.getActiveDirectoryEndpoint()));
        // The subscription only seeds the manager; every call names its full resource ID.
        String anySubscription = catalog.all().get(0).resourceId().split("/")[2];
        return ResourceManager.configure()
                .withHttpClient(httpClient)
                .withRetryPolicy(retryPolicy)
                .withScope(audience.endsWith("/") ? audience + ".default" : audience + "/.default")
                .authenticate(new FailFastCredential(credential(httpClient)), new AzureProfile(null, anySubscription, environment))
                .withSubscription(anySubscription);
    }

    /** One HTTP client (one connection pool, so one bound on concurrent ARM requests) for the app's lifetime. */
    private synchronized HttpClient httpClient() {
        if (httpClient == null) {
            httpClient = new CallContextHttpClient(new VertxHttpClientBuilder()
                    .vertx(vertx)
                    .httpClientOptions(httpOptions.create(config.arm().connectTimeout(), config.arm().maxConcurrency()))
                    .responseTimeout(config.arm().responseTimeout())
                    .build(), "ARM", vertx);
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
