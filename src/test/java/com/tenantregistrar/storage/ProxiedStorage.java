package com.tenantregistrar.storage;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.tenantregistrar.storage.StorageProxy.Service;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.vertx.core.Vertx;

/**
 * The app's storage account behind a {@link StorageProxy} per service (Blob, Table) in front of the test run's
 * Azurite: the test resource of a profile whose app must meet throttling or a concurrent writer, or whose storage
 * calls a test counts.
 */
public class ProxiedStorage implements QuarkusTestResourceLifecycleManager {

    /** The profile of a test whose app's storage is the proxy. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ProxiedStorage.class));
        }
    }

    private static final Map<Service, StorageProxy> PROXIES = new EnumMap<>(Service.class);
    private Vertx vertx;

    /** The proxy of {@code service} in the running profile. */
    public static synchronized StorageProxy proxy(Service service) {
        return PROXIES.get(service);
    }

    @Override
    public synchronized Map<String, String> start() {
        vertx = Vertx.vertx();
        String connectionString = AzuriteResource.azurite().connectionString();
        try {
            for (Service service : Service.values()) {
                StorageProxy proxy = StorageProxy.start(vertx, service,
                        () -> AzuriteResource.azurite().connectionString());
                PROXIES.put(service, proxy);
                connectionString = proxy.through(connectionString);
            }
        } catch (Exception e) {
            throw new IllegalStateException("The storage proxy did not start: " + e.getMessage(), e);
        }
        return Map.of("registrar.storage.connection-string", connectionString);
    }

    /** After {@link AzuriteResource}, whose Azurite this fronts. */
    @Override
    public int order() {
        return 10;
    }

    @Override
    public synchronized void stop() {
        PROXIES.values().forEach(StorageProxy::close);
        PROXIES.clear();
        vertx.close();
    }
}
