package com.tenantregistrar.emulator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Settings of the local ARM and managed-identity emulator (dev and test profiles only). */
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
}
