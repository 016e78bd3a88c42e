package com.tenantregistrar.storage;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

/**
 * The app's storage account behind a {@link StorageProxy} in front of the test run's Azurite: the test resource of
 * a profile whose app must meet throttling or a concurrent writer.
 */
public class ProxiedStorage implements QuarkusTestResourceLifecycleManager {

    private static volatile StorageProxy proxy;
    private Vertx vertx;

    /** The proxy of the running profile. */
    public static StorageProxy proxy() {
        return proxy;
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        try {
            proxy = StorageProxy.start(vertx, () -> StorageProxy.tablePort(AzuriteResource.azurite().connectionString()));
        } catch (Exception e) {
            throw new IllegalStateException("The storage proxy did not start: " + e.getMessage(), e);
        }
        return Map.of("registrar.storage.connection-string",
                proxy.through(AzuriteResource.azurite().connectionString()));
    }

    /** After {@link AzuriteResource}, whose Azurite this fronts. */
    @Override
    public int order() {
        return 10;
    }

    @Override
    public void stop() {
        proxy.close();
        vertx.close();
    }
}
