package com.tenantregistrar.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.tenantregistrar.emulator.Azurite;
import com.tenantregistrar.emulator.EmulatedAzure;
import com.tenantregistrar.emulator.EmulatorState;
import com.tenantregistrar.emulator.PartnerCenterState;
import com.tenantregistrar.registration.Registration;
import com.tenantregistrar.registration.RegistrationCatalog;
import com.tenantregistrar.webhook.SigningKit;

import io.vertx.core.Vertx;

/**
 * The emulated Azure in the test JVM, beside packaged apps it starts with {@link PackagedApp}, and the environment
 * that points an app at it. Its registrations, token audience and ports differ from every default, so an app
 * answering at all proves REGISTRAR_REGISTRATIONS, REGISTRAR_ARM_ENDPOINT, REGISTRAR_ARM_AUDIENCE and
 * IDENTITY_ENDPOINT reached it. Its trust store also holds the root of {@link #SIGNING}'s webhook signing certificates.
 * Beside it runs an Azurite, the apps' AzureWebJobsStorage.
 */
final class AzureBeside implements AutoCloseable {

    static final String AUDIENCE = "https://management.core.windows.net/";
    static final String REGISTRATIONS = "north=/subscriptions/dd8597b4-8739-4467-8b10-f8679f62bfbf/resourceGroups"
            + "/azurestack/providers/Microsoft.AzureStack/registrations/azurestack-north,south=/subscriptions"
            + "/5f0a1c2e-9b8d-4e7f-a6c5-b4d3e2f1a0b9/resourceGroups/azurestack-south/providers/Microsoft.AzureStack"
            + "/registrations/azurestack-south";
    private static final String IDENTITY_HEADER = "settings-it-identity-header";

    private final Vertx vertx;
    private final EmulatedAzure azure;
    private final Path trustStore;
    private final Azurite azurite;

    /** Signing certificates for webhook deliveries; the app's trust store holds their root. */
    static final SigningKit SIGNING = new SigningKit();

    private AzureBeside(Vertx vertx, EmulatedAzure azure, Path trustStore, Azurite azurite) {
        this.vertx = vertx;
        this.azure = azure;
        this.trustStore = trustStore;
        this.azurite = azurite;
    }

    static AzureBeside start() throws IOException, InterruptedException {
        Vertx vertx = Vertx.vertx();
        EmulatedAzure azure = EmulatedAzure.start(vertx, new EmulatedAzure.Settings(
                RegistrationCatalog.parse(REGISTRATIONS), AUDIENCE, IDENTITY_HEADER, 0, 0, 2));
        Path folder = Files.createDirectories(Path.of("target", "it"));
        return new AzureBeside(vertx, azure, PackagedAppAzure.trustStore(azure,
                Files.createTempFile(folder, "azure-beside", ".p12"), SIGNING.root.certificate()), Azurite.start());
    }

    EmulatorState state() {
        return azure.state();
    }

    /**
     * Starts another Azurite, with OAuth: over HTTPS with the emulated Azure's certificate (which the apps trust), it
     * takes the managed identity's tokens that the emulated identity endpoint issues. The caller stops it.
     */
    Azurite startAzuriteWithOAuth() throws IOException, InterruptedException {
        return Azurite.startWithOAuth(azure.certificate());
    }

    /** The apps' storage account; an app started with {@code AzureWebJobsStorage=""} has none. */
    Azurite azurite() {
        return azurite;
    }

    PartnerCenterState partnerCenter() {
        return azure.partnerCenter();
    }

    /**
     * The settings that connect an app to the emulated Entra ID and Partner Center with {@code credential}
     * ({@code managed-identity}: the managed identity's token as the client assertion; {@code client-secret}).
     */
    String[] partnerCenterConnection(String credential) {
        List<String> settings = new ArrayList<>(List.of(
                "REGISTRAR_PARTNER_CENTER_CLIENT_ID", EmulatedAzure.PARTNER_CENTER_CLIENT_ID,
                "REGISTRAR_PARTNER_CENTER_TENANT_ID", EmulatedAzure.PARTNER_TENANT_ID,
                "REGISTRAR_PARTNER_CENTER_ENDPOINT", azure.partnerCenterEndpoint(),
                "AZURE_AUTHORITY_HOST", azure.entraAuthorityHost()));
        if (credential.equals("client-secret")) {
            settings.addAll(List.of("REGISTRAR_PARTNER_CENTER_CREDENTIAL", credential,
                    "REGISTRAR_PARTNER_CENTER_CLIENT_SECRET", EmulatedAzure.PARTNER_CENTER_CLIENT_SECRET));
        }
        return settings.toArray(String[]::new);
    }

    /** The emulated ARM's URL, such as {@code https://localhost:40123/}. */
    String armEndpoint() {
        return azure.armEndpoint();
    }

    List<Registration> registrations() {
        return RegistrationCatalog.parse(REGISTRATIONS);
    }

    /** The environment of an app that talks to this Azure, with {@code more} settings (name, value, ...). */
    Map<String, String> environment(String... more) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "REGISTRAR_REGISTRATIONS", REGISTRATIONS,
                "REGISTRAR_ARM_ENDPOINT", azure.armEndpoint(),
                "REGISTRAR_ARM_AUDIENCE", AUDIENCE,
                "IDENTITY_ENDPOINT", azure.identityEndpoint(),
                "IDENTITY_HEADER", IDENTITY_HEADER,
                "AzureWebJobsStorage", azurite.connectionString(),
                // The JVM's trust store, as an operator adds a private endpoint's CA; the launcher's options stay.
                "JAVA_TOOL_OPTIONS", "-Djavax.net.ssl.trustStore=" + trustStore.toAbsolutePath()
                        + " -Djavax.net.ssl.trustStorePassword=changeit -Djavax.net.ssl.trustStoreType=PKCS12"));
        for (int i = 0; i < more.length; i += 2) {
            environment.put(more[i], more[i + 1]);
        }
        return environment;
    }

    @Override
    public void close() throws InterruptedException {
        azurite.close();
        azure.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
