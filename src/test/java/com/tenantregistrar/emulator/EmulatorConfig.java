package com.tenantregistrar.emulator;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Settings of the local emulated Azure: ARM, managed identity, Entra ID, Partner Center. Set for dev and test in
 * {@code src/test/resources/META-INF/microprofile-config.properties}, beside the emulator, not in the app's
 * {@code application.properties}.
 */
@ConfigMapping(prefix = "registrar.emulator")
public interface EmulatorConfig {

    /** HTTPS port of the emulated ARM; {@code REGISTRAR_ARM_ENDPOINT} points here in dev and test. */
    @WithName("arm-port")
    @WithDefault("8443")
    int armPort();

    /** HTTP port of the emulated App Service identity endpoint; {@code IDENTITY_ENDPOINT} points here. */
    @WithName("identity-port")
    @WithDefault("8091")
    int identityPort();

    /** The secret the identity endpoint expects in {@code X-IDENTITY-HEADER} ({@code IDENTITY_HEADER}). */
    @WithName("identity-header")
    @WithDefault("local-emulator-identity-header")
    String identityHeader();

    /** Customer subscriptions per page of a list; smaller than ARM's so that paging is exercised. */
    @WithName("page-size")
    @WithDefault("100")
    int pageSize();

    /** HTTPS port of the emulated Entra ID; azure-identity's {@code AZURE_AUTHORITY_HOST} points here. */
    @WithName("entra-port")
    @WithDefault("8444")
    int entraPort();

    /** HTTPS port of the emulated Partner Center; the app's Partner Center endpoint points here. */
    @WithName("partner-center-port")
    @WithDefault("8445")
    int partnerCenterPort();

    /** The partner's tenant, the only one the emulated Entra knows. */
    @WithName("partner-tenant-id")
    @WithDefault(EmulatedAzure.PARTNER_TENANT_ID)
    String partnerTenantId();

    /** The client ID of the app registered in the emulated Partner Center. */
    @WithName("partner-center-client-id")
    @WithDefault(EmulatedAzure.PARTNER_CENTER_CLIENT_ID)
    String partnerCenterClientId();

    /** The client secret the emulated Entra accepts for that app (a local, public value). */
    @WithName("partner-center-client-secret")
    @WithDefault(EmulatedAzure.PARTNER_CENTER_CLIENT_SECRET)
    String partnerCenterClientSecret();

    /** The most customers a page of the emulated Partner Center's customer list holds. */
    @WithName("partner-center-page-size")
    @WithDefault("100")
    int partnerCenterPageSize();

    /** Seeds the demo customers of {@code mvn -Plocal} at start-up ({@link PartnerCenterState#seedDemo()}). */
    @WithName("seed-demo")
    @WithDefault("false")
    boolean seedDemo();

    /**
     * A folder holding the PEM files ({@link EmulatorCertificate#in}) of the certificate to serve, when another
     * emulator serves it too (an Azurite with OAuth, which needs HTTPS); else the emulator makes one.
     */
    @WithName("certificate-folder")
    Optional<Path> certificateFolder();
}
