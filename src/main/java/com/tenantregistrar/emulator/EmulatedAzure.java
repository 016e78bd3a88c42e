package com.tenantregistrar.emulator;

import java.util.List;

import com.tenantregistrar.registration.Registration;

import io.vertx.core.Vertx;

/**
 * The whole emulated Azure the app talks to: ARM's customerSubscriptions API over HTTPS, the App Service
 * managed-identity endpoint, and the certificate store of Partner Center's webhook signing certificates. Started
 * inside the app in the dev and test profiles ({@link EmulatorRuntime}), or beside a packaged app by the
 * integration tests and the benchmarks.
 */
public final class EmulatedAzure implements AutoCloseable {

    private final EmulatorState state;
    private final EmulatorCertificate certificate;
    private final ArmEmulator arm;
    private final IdentityEmulator identity;

    /**
     * What to emulate and where.
     *
     * @param registrations the registrations that exist
     * @param audience the token audience ARM accepts and the identity endpoint issues
     * @param identityHeader the identity endpoint's secret
     * @param armPort the HTTPS port of ARM (0: any)
     * @param identityPort the HTTP port of the identity endpoint (0: any)
     * @param pageSize customer subscriptions per page of a list
     */
    public record Settings(List<Registration> registrations, String audience, String identityHeader, int armPort,
            int identityPort, int pageSize) {
    }

    private EmulatedAzure(EmulatorState state, EmulatorCertificate certificate, ArmEmulator arm,
            IdentityEmulator identity) {
        this.state = state;
        this.certificate = certificate;
        this.arm = arm;
        this.identity = identity;
    }

    public static EmulatedAzure start(Vertx vertx, Settings settings) {
        EmulatorState state = new EmulatorState(settings.registrations(), settings.pageSize());
        EmulatorCertificate certificate = new EmulatorCertificate();
        ArmEmulator arm = new ArmEmulator(vertx, state, certificate, settings.audience()).start(settings.armPort());
        IdentityEmulator identity = new IdentityEmulator(vertx, state, settings.identityHeader(), settings.audience())
                .start(settings.identityPort());
        return new EmulatedAzure(state, certificate, arm, identity);
    }

    public EmulatorState state() {
        return state;
    }

    public EmulatorCertificate certificate() {
        return certificate;
    }

    /** The URL for {@code REGISTRAR_ARM_ENDPOINT}. */
    public String armEndpoint() {
        return "https://localhost:" + arm.port() + "/";
    }

    /** The URL for {@code IDENTITY_ENDPOINT}. */
    public String identityEndpoint() {
        return identity.endpoint();
    }

    @Override
    public void close() {
        identity.close();
        arm.close();
        certificate.close();
    }
}
