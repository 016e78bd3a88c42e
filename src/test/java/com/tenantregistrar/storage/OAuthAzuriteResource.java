package com.tenantregistrar.storage;

import java.util.Map;

import com.tenantregistrar.emulator.Azurite;
import com.tenantregistrar.emulator.EmulatorCertificate;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An Azurite with OAuth for a test profile whose app reaches its storage by identity, as in Azure: the app gets
 * AzureWebJobsStorage__blobServiceUri and __tableServiceUri (HTTPS), and its emulated Azure serves the certificate
 * Azurite serves, which is the one the app's outbound clients trust.
 */
public class OAuthAzuriteResource implements QuarkusTestResourceLifecycleManager {

    private Azurite azurite;

    @Override
    public Map<String, String> start() {
        // Azurite keeps copies of the certificate's files; the emulated Azure reads them there.
        try (EmulatorCertificate certificate = new EmulatorCertificate()) {
            azurite = Azurite.startWithOAuth(certificate);
        } catch (Exception e) {
            throw new IllegalStateException("Azurite did not start: " + e.getMessage(), e);
        }
        return Map.of("AzureWebJobsStorage__blobServiceUri", azurite.blobServiceUri(),
                "AzureWebJobsStorage__tableServiceUri", azurite.tableServiceUri(),
                "registrar.emulator.certificate-folder", azurite.certificateFolder().toString());
    }

    @Override
    public void stop() {
        AzuriteResource.close(azurite);
    }
}
