package com.tenantregistrar.telemetry;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.azure.monitor.opentelemetry.autoconfigure.AzureMonitorAutoConfigure;
import com.tenantregistrar.config.RegistrarConfig;

import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.quarkus.arc.Unremovable;
import io.quarkus.opentelemetry.runtime.AutoConfiguredOpenTelemetrySdkBuilderCustomizer;

/**
 * Sends the app's metrics and traces to Application Insights with Microsoft's Azure Monitor exporter when
 * APPLICATIONINSIGHTS_CONNECTION_STRING is set (the template sets it), every span through {@link SecretRedaction}
 * first. Without it nothing is exported: no exporter is configured (the OTLP one is off in application.properties).
 * Live Metrics stays off: it would send request data past the redaction.
 */
@Singleton
@Unremovable
public class AzureMonitorExport implements AutoConfiguredOpenTelemetrySdkBuilderCustomizer {

    private final RegistrarConfig config;

    @Inject
    public AzureMonitorExport(RegistrarConfig config) {
        this.config = config;
    }

    @Override
    public void customize(AutoConfiguredOpenTelemetrySdkBuilder builder) {
        config.telemetry().connectionString().filter(value -> !value.isBlank()).ifPresent(connectionString -> {
            AzureMonitorAutoConfigure.customize(builder, connectionString.trim());
            builder.addPropertiesSupplier(() -> Map.of("applicationinsights.live.metrics.enabled", "false"));
            builder.addSpanExporterCustomizer((exporter, properties) -> new RedactingSpanExporter(exporter));
        });
    }
}
