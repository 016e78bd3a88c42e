package com.tenantregistrar.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The app's settings. Each one arrives as an Azure Functions app setting, i.e. an environment variable:
 * {@code registrar.arm.endpoint} is {@code REGISTRAR_ARM_ENDPOINT}, and so on ({@link Settings} derives them). Values
 * are checked at start-up ({@link SettingsCheck}).
 */
@ConfigMapping(prefix = "registrar")
@RegisterForReflection // with its nested types: Settings walks them, in a native executable too
public interface RegistrarConfig {

    /** {@code REGISTRAR_REGISTRATIONS}: comma-separated {@code alias=<resource ID>} or bare resource IDs. */
    Optional<String> registrations();

    /** {@code REGISTRAR_API_VERSION}: api-version of the customerSubscriptions resource. */
    @WithName("api-version")
    @WithDefault("2017-06-01")
    String apiVersion();

    /** {@code REGISTRAR_CREDENTIAL}: how the app authenticates to ARM. */
    @WithDefault("managed-identity")
    CredentialKind credential();

    /** {@code AZURE_CLIENT_ID}: the client ID of a user-assigned managed identity; system-assigned when absent. */
    @WithName("managed-identity-client-id")
    Optional<String> managedIdentityClientId();

    /**
     * {@code WEBSITE_AUTH_ENABLED}, App Service's own (it sets it while App Service Authentication is on): only then
     * do the principal headers authentication adds name an HTTP function's caller ({@code correlation.Callers}).
     */
    @WithName("app-service-authentication")
    @WithDefault("false")
    boolean appServiceAuthentication();

    /**
     * {@code WEBSITE_HOSTNAME}, set by the Functions host: the app's default host name, which {@code swagger.json}
     * names as its {@code host} when the request that fetched it came through no proxy that says its own.
     */
    @WithName("website-hostname")
    Optional<String> websiteHostname();

    /**
     * {@code REGISTRAR_DESIRED_STATE}: path of the JSON manifest of who should be registered where; a relative path
     * is a file in the function-app folder. The drift check compares against it.
     */
    @WithName("desired-state")
    @WithConverter(FunctionAppPathConverter.class)
    Optional<Path> desiredState();

    Arm arm();

    /** The app's durable state, in the function app's own storage account. */
    Storage storage();

    /** The change journal, kept in the storage account. */
    Journal journal();

    Drift drift();

    Webhook webhook();

    @WithName("partner-center")
    PartnerCenter partnerCenter();

    /** Metrics and traces ({@code telemetry} package). */
    Telemetry telemetry();

    /** Where the app's metrics and traces go; nowhere unless a connection string is set. */
    interface Telemetry {
        /**
         * {@code APPLICATIONINSIGHTS_CONNECTION_STRING}, Application Insights' own name (the template sets it): the
         * resource the Azure Monitor exporter sends to. Unset: no telemetry is sent.
         */
        @WithName("connection-string")
        Optional<String> connectionString();
    }

    /** The connection to Partner Center, the source of who should be registered; off unless the client ID is set. */
    interface PartnerCenter {
        /**
         * {@code REGISTRAR_PARTNER_CENTER_CLIENT_ID}: the Entra app registered in Partner Center (App management);
         * setting it turns Partner Center on.
         */
        @WithName("client-id")
        Optional<String> clientId();

        /** {@code REGISTRAR_PARTNER_CENTER_TENANT_ID}: the partner's own Entra tenant. */
        @WithName("tenant-id")
        Optional<String> tenantId();

        /** {@code REGISTRAR_PARTNER_CENTER_CREDENTIAL}: how the app proves it is the registered app. */
        @WithDefault("managed-identity")
        PartnerCenterCredential credential();

        /** {@code REGISTRAR_PARTNER_CENTER_CLIENT_SECRET}: the app's secret, for {@code client-secret} only. Never logged. */
        @WithName("client-secret")
        Optional<String> clientSecret();

        /** {@code REGISTRAR_PARTNER_CENTER_ENDPOINT}: Partner Center's REST API. */
        @WithDefault("https://api.partnercenter.microsoft.com/")
        URI endpoint();

        /**
         * {@code AZURE_AUTHORITY_HOST} (azure-identity's own setting): the Entra endpoint the Partner Center token is
         * asked from.
         */
        @WithName("authority-host")
        @WithDefault("https://login.microsoftonline.com/")
        URI authorityHost();

        /** {@code REGISTRAR_PARTNER_CENTER_MAX_CONCURRENCY}: Partner Center requests under way at once. */
        @WithName("max-concurrency")
        @WithDefault("4")
        int maxConcurrency();

        /**
         * {@code REGISTRAR_PARTNER_CENTER_BUDGET}: how long one read of Partner Center (the walk of every customer,
         * or one webhook's customer) may take, retries included; a walk cut short is incomplete.
         */
        @WithDefault("4m")
        Duration budget();

        /**
         * {@code REGISTRAR_PARTNER_CENTER_MAX_AGE}: with state storage, how old (since its first read) the last
         * complete walk of every customer may be for removals and tenant rewrites to be decided against it.
         */
        @WithName("max-age")
        @WithDefault("48h")
        Duration maxAge();

        /**
         * {@code REGISTRAR_PARTNER_CENTER_MAX_SHRINK}: how far below the previous complete generation a new one's
         * customers or Azure subscriptions may fall and still be believed. A generation that shrank more is not
         * completed: it answers non-2xx, holds removals, and the previous one stays the last complete generation.
         */
        @WithName("max-shrink")
        @WithDefault("10%")
        @WithConverter(PercentConverter.class)
        Percent maxShrink();

        /**
         * {@code REGISTRAR_PARTNER_CENTER_MAX_CUSTOMER_FAILURES}: with state storage, in how many runs in a row a
         * customer's read may fail (403, 404 or a refused answer, after the retries) before the walk steps over it
         * for the rest of its generation, leaving that customer's tenant undecided.
         */
        @WithName("max-customer-failures")
        @WithDefault("3")
        int maxCustomerFailures();
    }

    /** How the app authenticates to Partner Center as the app registered there. */
    enum PartnerCenterCredential {
        /**
         * Workload identity federation: the function app's managed-identity token for
         * {@code api://AzureADTokenExchange} is the registered app's client assertion; no secret anywhere.
         */
        MANAGED_IDENTITY,
        /** The registered app's client secret ({@code REGISTRAR_PARTNER_CENTER_CLIENT_SECRET}). */
        CLIENT_SECRET
    }

    /** The Partner Center webhook receiver. */
    interface Webhook {
        /**
         * {@code REGISTRAR_WEBHOOK_CERT_URL_PREFIXES}: where Partner Center's signing certificate may be fetched
         * from; a certificate URL outside these is never fetched.
         */
        @WithName("cert-url-prefixes")
        @WithDefault("https://3psostorageacct.blob.core.windows.net/cert/")
        java.util.List<String> certUrlPrefixes();

        /** {@code REGISTRAR_WEBHOOK_CERT_ORGANIZATION}: the O= the signing certificate's subject must carry. */
        @WithName("cert-organization")
        @WithDefault("Microsoft Corporation")
        String certOrganization();

        /** {@code REGISTRAR_WEBHOOK_AUTO_REGISTER}: register the subscription of a subscription-updated event. */
        @WithName("auto-register")
        @WithDefault("false")
        boolean autoRegister();

        /** How long fetching the certificate may take. */
        @WithName("cert-fetch-timeout")
        @WithDefault("10s")
        Duration certFetchTimeout();

        /** How long a fetched certificate is reused before it is fetched again. */
        @WithName("cert-cache-ttl")
        @WithDefault("1h")
        Duration certCacheTtl();

        /**
         * {@code REGISTRAR_WEBHOOK_MAX_EVENT_AGE}: an event whose ResourceChangeUtcDate is older is acknowledged and
         * not acted on, so that a captured signed event cannot be replayed for ever.
         */
        @WithName("max-event-age")
        @WithDefault("7d")
        Duration maxEventAge();
    }

    /** The drift check: what it may change. */
    interface Drift {
        /** {@code REGISTRAR_DRIFT_MODE}: {@code report} changes nothing; {@code reconcile} repairs drift. */
        @WithDefault("report")
        DriftMode mode();

        /**
         * {@code REGISTRAR_DRIFT_MAX_REMOVALS}: how many destructive writes the app may make in any 24 hours, all
         * instances and runs together (per run without state storage): removals of unexpected customers and rewrites
         * of a customer's tenant (both change who is billed). The rest are held.
         */
        @WithName("max-removals")
        @WithDefault("0")
        int maxRemovals();

        /**
         * {@code REGISTRAR_DRIFT_MAX_WRITES}: how many additions (registers) one reconcile run may make, a sanity cap
         * (a run is bounded by its deadline and ARM's throttling; destructive writes by the removal budget).
         */
        @WithName("max-writes")
        @WithDefault("20000")
        int maxWrites();

        /**
         * {@code REGISTRAR_DRIFT_REMOVAL_GRACE}: how long an entry must have been unexpected (or registered with
         * another tenant) without a break, as the drift check remembers it in state storage, before the timer
         * removes or rewrites it. {@code 0} waits for nothing; without state storage no time is known, so only
         * {@code 0} lets a removal through.
         */
        @WithName("removal-grace")
        @WithDefault("72h")
        Duration removalGrace();

        /**
         * {@code REGISTRAR_DRIFT_DEADLINE}: how long one run may take before it starts no more writes. With
         * {@code REGISTRAR_ARM_TIMEOUT} for a write still under way, it stays under host.json's functionTimeout.
         */
        @WithDefault("8m")
        Duration deadline();

        /**
         * {@code REGISTRAR_DRIFT_REPORT_RETENTION}: how long a drift run's kept report is kept at least; the timer's
         * runs delete older ones, never the newest.
         */
        @WithName("report-retention")
        @WithDefault("400d")
        Duration reportRetention();
    }

    /** What a drift check may do. */
    enum DriftMode {
        /** Only read ARM and report the drift. */
        REPORT,
        /** Register the missing customers, and rewrite tenants and remove unexpected ones within the removal budget. */
        RECONCILE
    }

    /**
     * The storage account where the app keeps what must outlive a call (the change journal, drift memory, budgets,
     * the Partner Center walk): the function app's own, named as the Functions host names it ({@code
     * AzureWebJobsStorage}, as a connection string or as {@code AzureWebJobsStorage__*} for the managed identity).
     * Without it those features are off.
     */
    interface Storage {
        /** {@code AzureWebJobsStorage}: the account's connection string. */
        @WithName("connection-string")
        Optional<String> connectionString();

        /** {@code AzureWebJobsStorage__accountName}: the account, reached with the app's managed identity. */
        @WithName("account-name")
        Optional<String> accountName();

        /** {@code AzureWebJobsStorage__blobServiceUri}: the Blob endpoint, with the managed identity. */
        @WithName("blob-service-uri")
        Optional<URI> blobServiceUri();

        /** {@code AzureWebJobsStorage__tableServiceUri}: the Table endpoint, with the managed identity. */
        @WithName("table-service-uri")
        Optional<URI> tableServiceUri();

        /** {@code AzureWebJobsStorage__clientId}: a user-assigned identity for the account; else the app's. */
        @WithName("client-id")
        Optional<String> clientId();
    }

    /** The change journal: every ARM write the app makes, kept in the storage account for {@code listChanges}. */
    interface Journal {
        /**
         * {@code REGISTRAR_JOURNAL_RETENTION}: how long a record is kept at least; the timer's runs delete the months
         * that lie wholly before it.
         */
        @WithDefault("400d")
        Duration retention();
    }

    /** Where and how ARM is called. */
    interface Arm {
        /** {@code REGISTRAR_ARM_ENDPOINT}. */
        @WithDefault("https://management.azure.com/")
        URI endpoint();

        /** {@code REGISTRAR_ARM_AUDIENCE}: the resource the managed-identity token is asked for. */
        @WithDefault("https://management.azure.com/")
        String audience();

        /** Upper bound for one ARM operation, retries included; well under the 230 s Functions HTTP limit. */
        @WithDefault("90s")
        Duration timeout();

        /** How long one ARM try may wait for a response before it counts as timed out (and is retried). */
        @WithName("response-timeout")
        @WithDefault("30s")
        Duration responseTimeout();

        @WithName("connect-timeout")
        @WithDefault("10s")
        Duration connectTimeout();

        /**
         * How many ARM requests the whole app has under way at once (its connections to ARM); more wait their turn.
         * ARM throttles writes per subscription: a burst of webhooks must not become a storm of 429s.
         */
        @WithName("max-concurrency")
        @WithDefault("8")
        int maxConcurrency();

        Retry retry();
    }

    /** Retries of ARM 408, 429 and 5xx answers and of I/O failures. */
    interface Retry {
        /** Retries after the first try. */
        @WithName("max-retries")
        @WithDefault("3")
        int maxRetries();

        /** First back-off delay when ARM sends no Retry-After; it doubles on each retry. */
        @WithName("base-delay")
        @WithDefault("800ms")
        Duration baseDelay();

        @WithName("max-delay")
        @WithDefault("8s")
        Duration maxDelay();

        /**
         * The longest Retry-After the app waits out itself. A longer one ends the call with 429 and the same
         * Retry-After, so that the caller (Logic Apps, Partner Center) waits instead of an open HTTP request.
         */
        @WithName("max-retry-after")
        @WithDefault("10s")
        Duration maxRetryAfter();
    }

    /** The credential the app uses for ARM. */
    enum CredentialKind {
        /** ManagedIdentityCredential: the function app's own identity (user-assigned when AZURE_CLIENT_ID is set). */
        MANAGED_IDENTITY,
        /** DefaultAzureCredential: an operator's own login (Azure CLI, environment, ...), for running outside Azure. */
        DEFAULT
    }
}
