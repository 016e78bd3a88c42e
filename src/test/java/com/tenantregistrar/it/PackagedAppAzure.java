package com.tenantregistrar.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;

import com.tenantregistrar.emulator.EmulatedAzure;
import com.tenantregistrar.registration.RegistrationCatalog;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

/**
 * The emulated Azure beside the packaged app (jar or native executable), which carries no emulator: ARM on a free
 * port, trusted by the app through {@code -Djavax.net.ssl.trustStore} (as an operator trusts a private endpoint),
 * and the identity endpoint on the port the failsafe configuration gives the app in IDENTITY_ENDPOINT.
 */
public class PackagedAppAzure implements QuarkusTestResourceLifecycleManager {

    static final String REGISTRATIONS = "east=/subscriptions/dd8597b4-8739-4467-8b10-f8679f62bfbf/resourceGroups"
            + "/azurestack/providers/Microsoft.AzureStack/registrations/testregistration,west=/subscriptions"
            + "/5f0a1c2e-9b8d-4e7f-a6c5-b4d3e2f1a0b9/resourceGroups/azurestack-west/providers/Microsoft.AzureStack"
            + "/registrations/azurestack-west";
    static final Path DESIRED_STATE = Path.of("target", "it", "desired-state.json");

    private static EmulatedAzure azure;
    private Vertx vertx;

    /** The running emulator, for the tests to drive and inspect. */
    static EmulatedAzure azure() {
        return azure;
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        String identity = System.getenv("IDENTITY_ENDPOINT");
        int identityPort = Integer.parseInt(identity.replaceAll(".*:(\\d+)/.*", "$1"));
        azure = EmulatedAzure.start(vertx, new EmulatedAzure.Settings(RegistrationCatalog.parse(REGISTRATIONS),
                "https://management.azure.com/", System.getenv("IDENTITY_HEADER"), 0, identityPort, 2));
        try {
            Files.createDirectories(DESIRED_STATE.getParent());
            Files.writeString(DESIRED_STATE, "{\"customers\": []}");
            Path trustStore = trustStore(azure, DESIRED_STATE.resolveSibling("emulator-truststore.p12"));
            return Map.of(
                    "registrar.registrations", REGISTRATIONS,
                    "registrar.arm.endpoint", azure.armEndpoint(),
                    "registrar.desired-state", DESIRED_STATE.toAbsolutePath().toString(),
                    "javax.net.ssl.trustStore", trustStore.toAbsolutePath().toString(),
                    "javax.net.ssl.trustStorePassword", "changeit",
                    "javax.net.ssl.trustStoreType", "PKCS12");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PKCS12 trust store (password {@code changeit}) holding the emulator's certificate and {@code more}. */
    public static Path trustStore(EmulatedAzure azure, Path file, X509Certificate... more) throws IOException {
        try (InputStream pem = Files.newInputStream(Path.of(azure.certificate().certificatePath()));
                OutputStream out = Files.newOutputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("emulated-arm", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            for (int i = 0; i < more.length; i++) {
                store.setCertificateEntry("more-" + i, more[i]);
            }
            store.store(out, "changeit".toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        return file;
    }

    @Override
    public void stop() {
        if (azure != null) {
            azure.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
