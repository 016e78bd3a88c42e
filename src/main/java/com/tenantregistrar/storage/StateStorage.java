package com.tenantregistrar.storage;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.tenantregistrar.config.RegistrarConfig;
import com.tenantregistrar.outbound.OutboundHttpOptions;
import com.tenantregistrar.outbound.ServiceRetryStrategy;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * The function app's own storage account, where the app keeps what must outlive a call, reached as the Functions
 * host reaches it: {@code AzureWebJobsStorage} as a connection string, or {@code AzureWebJobsStorage__accountName}
 * (or {@code __blobServiceUri} and {@code __tableServiceUri}) with the app's managed identity.
 * <p>
 * The Azure SDK's Table and Blob clients, over the same Vert.x HTTP client and retry policy as ARM, are built on first
 * use: start-up does no I/O, and an account that cannot be reached does not stop the app; each use fails with a
 * {@link StateStorageException} (503) until the account answers again.
 */
@ApplicationScoped
public class StateStorage {

    private static final Logger LOG = Logger.getLogger(StateStorage.class);
    private static final int MAX_RETRIES = 3;
    private static final Duration BASE_DELAY = Duration.ofMillis(200);
    private static final Duration MAX_DELAY = Duration.ofSeconds(2);
    private static final Duration TRY_TIMEOUT = Duration.ofSeconds(10);

    private final RegistrarConfig.Storage settings;
    private final RegistrarConfig config;
    private final Vertx vertx;
    private final OutboundHttpOptions httpOptions;
    private volatile Clients clients;
    private final Map<String, TableClient> tables = new ConcurrentHashMap<>();
    private final Map<String, BlobContainerClient> containers = new ConcurrentHashMap<>();

    @Inject
    public StateStorage(RegistrarConfig config, Vertx vertx, OutboundHttpOptions httpOptions) {
        this.config = config;
        this.settings = config.storage();
        this.vertx = vertx;
        this.httpOptions = httpOptions;
    }

    /** Whether an account is set; without one, the features that keep state are off. */
    public boolean configured() {
        return settings.connectionString().isPresent() || settings.accountName().isPresent()
                || (settings.tableServiceUri().isPresent() && settings.blobServiceUri().isPresent());
    }

    /**
     * Whether only one of the two endpoints the app needs is set, with no account name nor connection string: half
     * an identity-based connection ({@code __queueServiceUri} is the host's own, and none of the app's business).
     */
    private boolean halfSet() {
        return !configured() && settings.blobServiceUri().isPresent() != settings.tableServiceUri().isPresent();
    }

    /** Why no account is set, in the words of the start-up line and of the 503. */
    private String whyOff() {
        if (!halfSet()) {
            return "AzureWebJobsStorage is not set";
        }
        boolean blob = settings.blobServiceUri().isPresent();
        return "AzureWebJobsStorage__" + (blob ? "blobServiceUri" : "tableServiceUri") + " is set without "
                + "AzureWebJobsStorage__" + (blob ? "tableServiceUri" : "blobServiceUri") + ", which the app needs too";
    }

    /**
     * A client of the table {@code name}, created in the account on its first use in this process.
     *
     * @throws StateStorageException when no account is set
     * @throws RuntimeException the Table client's own failure (such as {@code TableServiceException}) if the
     *         account cannot create it
     */
    public TableClient table(String name) {
        return tables.computeIfAbsent(name, n -> {
            clients().tables().createTableIfNotExists(n);
            return clients().tables().getTableClient(n);
        });
    }

    /** A client of the blob container {@code name}, created in the account on its first use in this process. */
    public BlobContainerClient container(String name) {
        return containers.computeIfAbsent(name, n -> {
            BlobContainerClient container = clients().blobs().getBlobContainerClient(n);
            // Not createIfNotExists, which logs any other refusal (a 403 for a missing role) at ERROR by itself: the
            // caller says what the failure means, at the level it deserves.
            try {
                container.create();
            } catch (BlobStorageException e) {
                if (e.getStatusCode() != 409) {
                    throw e;
                }
            }
            return container;
        });
    }

    /** After the settings checks (default priority), so that a wrong setting stops start-up with its one line. */
    void announce(@Observes @Priority(ObserverMethod.DEFAULT_PRIORITY + 1) StartupEvent event) {
        if (configured()) {
            LOG.infof("State storage: %s", settings.connectionString().isPresent()
                    ? "AzureWebJobsStorage (connection string)" : "AzureWebJobsStorage__* (managed identity)");
        } else {
            // Half an identity-based connection is the operator's slip, so it is a warning.
            LOG.logf(halfSet() ? Logger.Level.WARN : Logger.Level.INFO, "State storage is off (%s): "
                    + "no change journal, no 'since' on missing customers, the drift removal budget counts per run, "
                    + "and the Partner Center walk starts over each run", whyOff());
        }
    }

    private Clients clients() {
        Clients current = clients;
        if (current == null) {
            if (!configured()) {
                throw StateStorageException.notConfigured(whyOff());
            }
            synchronized (this) {
                current = clients;
                if (current == null) {
                    current = connect();
                    clients = current;
                }
            }
        }
        return current;
    }

    private Clients connect() {
        HttpClient http = httpOptions.client("Storage", vertx, config.arm().connectTimeout(),
                config.arm().maxConcurrency(), TRY_TIMEOUT);
        TableServiceClientBuilder tables = new TableServiceClientBuilder().httpClient(http)
                .retryPolicy(new RetryPolicy(new ServiceRetryStrategy("Storage", MAX_RETRIES, BASE_DELAY, MAX_DELAY,
                        MAX_DELAY, response -> response.getRequest().getHttpMethod() + " " + response.getRequest()
                                .getUrl().getPath() + " answered " + response.getStatusCode() + ", requestId="
                                + response.getHeaderValue(HttpHeaderName.X_MS_REQUEST_ID))));
        // The Blob client takes only its own retry options (its policy also retries a timed-out try).
        BlobServiceClientBuilder blobs = new BlobServiceClientBuilder().httpClient(http)
                .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, MAX_RETRIES + 1,
                        TRY_TIMEOUT, BASE_DELAY, MAX_DELAY, null));
        try {
            Optional<String> connectionString = settings.connectionString();
            if (connectionString.isPresent()) {
                tables.connectionString(connectionString.get());
                blobs.connectionString(connectionString.get());
            } else {
                TokenCredential credential = credential(http);
                tables.endpoint(settings.tableServiceUri().map(Object::toString)
                        .orElseGet(() -> "https://" + settings.accountName().get() + ".table.core.windows.net"))
                        .credential(credential);
                blobs.endpoint(settings.blobServiceUri().map(Object::toString)
                        .orElseGet(() -> "https://" + settings.accountName().get() + ".blob.core.windows.net"))
                        .credential(credential);
            }
            return new Clients(tables.buildClient(), blobs.buildClient());
        } catch (IllegalArgumentException e) {
            // The SDK's message may quote the connection string, which holds the account key.
            throw StateStorageException.unavailable("reading AzureWebJobsStorage, which is not a valid storage "
                    + "connection string or endpoint", null);
        }
    }

    private TokenCredential credential(HttpClient http) {
        ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder().httpClient(http);
        settings.clientId().or(config::managedIdentityClientId).ifPresent(builder::clientId);
        return builder.build();
    }

    private record Clients(TableServiceClient tables, BlobServiceClient blobs) {
    }
}
