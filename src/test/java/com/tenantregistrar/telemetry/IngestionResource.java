package com.tenantregistrar.telemetry;

import java.util.Map;

import com.tenantregistrar.emulator.IngestionStandIn;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

/**
 * Starts the {@link IngestionStandIn} before the app, and gives the app its connection string the way the app reads
 * it (APPLICATIONINSIGHTS_CONNECTION_STRING, as the property it maps to), with exports a second apart.
 */
public class IngestionResource implements QuarkusTestResourceLifecycleManager {

    private static volatile IngestionStandIn standIn;
    private Vertx vertx;

    /** The stand-in of the running app. */
    static IngestionStandIn standIn() {
        return standIn;
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        standIn = IngestionStandIn.start(vertx);
        return Map.of("registrar.telemetry.connection-string", standIn.connectionString(),
                "quarkus.otel.metric.export.interval", "1s",
                "quarkus.otel.bsp.schedule.delay", "200ms");
    }

    @Override
    public void stop() {
        standIn.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
