package com.tenantregistrar.emulator;

import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SelfSignedCertificate;

/**
 * A certificate for {@code localhost}, made when the emulator starts. azure-core sends a bearer token only over
 * HTTPS, so the emulated ARM serves TLS, and its clients trust exactly this certificate.
 */
public final class EmulatorCertificate implements AutoCloseable {

    private final SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");

    /** The key and certificate the emulated ARM serves. */
    public KeyCertOptions keyCertOptions() {
        return certificate.keyCertOptions();
    }

    /** Trust in this certificate, and in nothing else. */
    public PemTrustOptions trustOptions() {
        return certificate.trustOptions();
    }

    /** The certificate's PEM file. */
    public String certificatePath() {
        return certificate.certificatePath();
    }

    @Override
    public void close() {
        certificate.delete();
    }
}
