package com.tenantregistrar.emulator;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.tenantregistrar.outbound.OutboundTrust;

import io.quarkus.arc.profile.IfBuildProfile;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.SelfSignedCertificate;

/**
 * A certificate for {@code localhost}, made when the emulator starts. azure-core sends a bearer token only over
 * HTTPS, so the emulated ARM serves TLS; in dev and test the app's outbound clients trust exactly this certificate.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class EmulatorCertificate implements OutboundTrust {

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
