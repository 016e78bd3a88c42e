package com.tenantregistrar.emulator;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.tenantregistrar.arm.ArmTrustCustomizer;

import io.quarkus.arc.profile.IfBuildProfile;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.SelfSignedCertificate;

/**
 * A certificate for {@code localhost}, made when the emulator starts. azure-core sends a bearer token only over
 * HTTPS, so the emulated ARM serves TLS; in dev and test the ARM client trusts exactly this certificate.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class EmulatorCertificate implements ArmTrustCustomizer {

    private final SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");

    /** The key and certificate the emulated ARM serves. */
    public KeyCertOptions keyCertOptions() {
        return certificate.keyCertOptions();
    }

    @Override
    public void customize(HttpClientOptions options) {
        options.setTrustOptions(certificate.trustOptions());
    }

    @PreDestroy
    void delete() {
        certificate.delete();
    }
}
