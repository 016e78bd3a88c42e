package com.tenantregistrar.emulator;

import java.util.List;

import com.tenantregistrar.registration.Registration;

import io.vertx.core.Vertx;

/**
 * The whole emulated Azure the app talks to: ARM's customerSubscriptions API over HTTPS, the App Service
 * managed-identity endpoint, the certificate store of Partner Center's webhook signing certificates, Entra ID's
 * token endpoint for the app registered in Partner Center, and Partner Center's customers and subscriptions. Started
 * inside the app in the dev and test profiles ({@link EmulatorRuntime}), or beside a packaged app by the
 * integration tests and the benchmarks.
 */
public final class EmulatedAzure implements AutoCloseable {

    private final EmulatorState state;
    private final EmulatorCertificate certificate;
    private final ArmEmulator arm;
    private final IdentityEmulator identity;
    private final PartnerCenterState partnerCenterState;
    private final EntraEmulator entra;
    private final PartnerCenterEmulator partnerCenter;

    /**
     * What to emulate and where.
     *
     * @param registrations the registrations that exist
     * @param audience the token audience ARM accepts and the identity endpoint issues
     * @param identityHeader the identity endpoint's secret
     * @param armPort the HTTPS port of ARM (0: any)
     * @param identityPort the HTTP port of the identity endpoint (0: any)
     * @param pageSize customer subscriptions per page of a list
     * @param entraPort the HTTPS port of Entra ID (0: any)
     * @param partnerCenterPort the HTTPS port of Partner Center (0: any)
     * @param partnerTenantId the partner's tenant, where the Partner Center app is registered
     * @param partnerCenterClientId the client ID of the app registered in Partner Center
     * @param partnerCenterClientSecret its client secret
     * @param partnerCenterPageSize the most customers a page of Partner Center's customer list holds
     */
    public record Settings(List<Registration> registrations, String audience, String identityHeader, int armPort,
            int identityPort, int pageSize, int entraPort, int partnerCenterPort, String partnerTenantId,
            String partnerCenterClientId, String partnerCenterClientSecret, int partnerCenterPageSize) {

        /** The given ARM and identity endpoint; Entra and Partner Center on any free ports, with test identities. */
        public Settings(List<Registration> registrations, String audience, String identityHeader, int armPort,
                int identityPort, int pageSize) {
            this(registrations, audience, identityHeader, armPort, identityPort, pageSize, 0, 0, PARTNER_TENANT_ID,
                    PARTNER_CENTER_CLIENT_ID, PARTNER_CENTER_CLIENT_SECRET, 100);
        }
    }

    /** The partner's tenant of {@link Settings}' short form. */
    public static final String PARTNER_TENANT_ID = "5c8a1e0f-2b7d-4c39-9e6a-0f1d2c3b4a59";
    /** The Partner Center app's client ID of {@link Settings}' short form. */
    public static final String PARTNER_CENTER_CLIENT_ID = "0d6f3b2a-8c41-4e7f-a9b5-6e2c1d0f9a38";
    /** The Partner Center app's client secret of {@link Settings}' short form. */
    public static final String PARTNER_CENTER_CLIENT_SECRET = "emulated-partner-center-secret";

    private EmulatedAzure(EmulatorState state, EmulatorCertificate certificate, ArmEmulator arm,
            IdentityEmulator identity, PartnerCenterState partnerCenterState, EntraEmulator entra,
            PartnerCenterEmulator partnerCenter) {
        this.state = state;
        this.certificate = certificate;
        this.arm = arm;
        this.identity = identity;
        this.partnerCenterState = partnerCenterState;
        this.entra = entra;
        this.partnerCenter = partnerCenter;
    }

    /** Starts the emulated Azure with a certificate of its own. */
    public static EmulatedAzure start(Vertx vertx, Settings settings) {
        return start(vertx, settings, new EmulatorCertificate());
    }

    /** Starts the emulated Azure serving {@code certificate}, which it closes when closed. */
    public static EmulatedAzure start(Vertx vertx, Settings settings, EmulatorCertificate certificate) {
        EmulatorState state = new EmulatorState(settings.registrations(), settings.pageSize());
        ArmEmulator arm = new ArmEmulator(vertx, state, certificate, settings.audience()).start(settings.armPort());
        IdentityEmulator identity = new IdentityEmulator(vertx, state, settings.identityHeader(), settings.audience())
                .start(settings.identityPort());
        PartnerCenterState partnerCenterState = new PartnerCenterState(state, settings.partnerCenterPageSize());
        EntraEmulator entra = new EntraEmulator(vertx, partnerCenterState, certificate, settings.partnerTenantId(),
                settings.partnerCenterClientId(), settings.partnerCenterClientSecret()).start(settings.entraPort());
        PartnerCenterEmulator partnerCenter = new PartnerCenterEmulator(vertx, partnerCenterState, certificate)
                .start(settings.partnerCenterPort());
        return new EmulatedAzure(state, certificate, arm, identity, partnerCenterState, entra, partnerCenter);
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

    /** What the emulated Partner Center and Entra hold, and the requests they received. */
    public PartnerCenterState partnerCenter() {
        return partnerCenterState;
    }

    /** The URL for azure-identity's authority host ({@code AZURE_AUTHORITY_HOST}). */
    public String entraAuthorityHost() {
        return entra.authorityHost();
    }

    /** The URL for the app's Partner Center endpoint. */
    public String partnerCenterEndpoint() {
        return partnerCenter.endpoint();
    }

    @Override
    public void close() {
        partnerCenter.close();
        entra.close();
        identity.close();
        arm.close();
        certificate.close();
    }
}
