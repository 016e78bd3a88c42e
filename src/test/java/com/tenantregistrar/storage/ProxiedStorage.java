package com.tenantregistrar.storage;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

/**
 * The app's storage account behind a {@link StorageProxy} in front of the test run's Azurite: the test resource of
 * a profile whose app must meet throttling or a concurrent writer.
 */
public class ProxiedStorage implements QuarkusTestResourceLifecycleManager {

    private static final Pattern TABLE_PORT = Pattern.compile("TableEndpoint=http://127\\.0\\.0\\.1:(\\d+)");
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
            proxy = StorageProxy.start(vertx, ProxiedStorage::azuriteTablePort);
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

    private static int azuriteTablePort() {
        Matcher m = TABLE_PORT.matcher(AzuriteResource.azurite().connectionString());
        if (!m.find()) {
            throw new IllegalStateException("Azurite's connection string has no Table endpoint");
        }
        return Integer.parseInt(m.group(1));
    }

    @Override
    public void stop() {
        proxy.close();
        vertx.close();
    }
}
