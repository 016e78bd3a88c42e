package com.tenantregistrar.emulator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.tenantregistrar.config.RegistrarConfig;
import com.tenantregistrar.outbound.OutboundTrust;
import com.tenantregistrar.registration.RegistrationCatalog;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;

/**
 * Runs the emulated Azure inside the app wherever the test classes are part of it ({@code @QuarkusTest}s and
 * {@code mvn -Plocal}): started with the app, on the ports of {@link EmulatorConfig}, with the configured
 * registrations; the app's outbound clients trust its certificate and nothing else. The packaged app holds no
 * emulator class.
 */
@ApplicationScoped
public class EmulatorRuntime implements OutboundTrust {

    private final EmulatedAzure azure;

    @Inject
    public EmulatorRuntime(Vertx vertx, EmulatorConfig emulator, RegistrarConfig config, RegistrationCatalog catalog) {
        this.azure = EmulatedAzure.start(vertx, new EmulatedAzure.Settings(catalog.all(), config.arm().audience(),
                emulator.identityHeader(), emulator.armPort(), emulator.identityPort(), emulator.pageSize(),
                emulator.entraPort(), emulator.partnerCenterPort(), emulator.partnerTenantId(),
                emulator.partnerCenterClientId(), emulator.partnerCenterClientSecret(),
                emulator.partnerCenterPageSize()),
                emulator.certificateFolder().map(EmulatorCertificate::in).orElseGet(EmulatorCertificate::new));
        if (emulator.seedDemo()) {
            azure.partnerCenter().seedDemo();
        }
    }

    void start(@Observes StartupEvent event) {
        // Observing the event creates the bean, and so starts the servers, with the app.
    }

    void stop(@Observes ShutdownEvent event) {
        azure.close();
    }

    /** The emulator's state, for tests to drive and inspect. */
    @Produces
    @Singleton
    EmulatorState state() {
        return azure.state();
    }

    /** The emulated Partner Center's state, for tests to seed and inspect. */
    @Produces
    @Singleton
    PartnerCenterState partnerCenter() {
        return azure.partnerCenter();
    }

    @Override
    public void customize(HttpClientOptions options) {
        options.setTrustOptions(azure.certificate().trustOptions());
    }
}
