package com.tenantregistrar.storage;

import java.util.Map;

import com.tenantregistrar.emulator.Azurite;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Azurite for every {@code @QuarkusTest}: started once before the app, which reads it through AzureWebJobsStorage
 * as in Azure, and stopped after the last test. Tests that stop and restart it reach it through {@link #azurite()}.
 */
@QuarkusTestResource(AzuriteResource.class)
public class AzuriteResource implements QuarkusTestResourceLifecycleManager {

    private static volatile Azurite azurite;

    /** The running Azurite of this test run. */
    public static Azurite azurite() {
        return azurite;
    }

    @Override
    public Map<String, String> start() {
        try {
            azurite = Azurite.start();
        } catch (Exception e) {
            throw new IllegalStateException("Azurite did not start: " + e.getMessage(), e);
        }
        return Map.of("AzureWebJobsStorage", azurite.connectionString());
    }

    @Override
    public void stop() {
        close(azurite);
    }

    /** Stops {@code azurite}, as a test resource's stop does. */
    static void close(Azurite azurite) {
        try {
            azurite.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
