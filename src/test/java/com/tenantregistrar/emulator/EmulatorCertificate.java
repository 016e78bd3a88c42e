package com.tenantregistrar.emulator;

import java.nio.file.Path;

import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SelfSignedCertificate;

/**
 * A certificate for {@code localhost}, made when the emulator starts, or read from the PEM files of one made before
 * (so that the emulated ARM and an Azurite that serves HTTPS present the same one). azure-core sends a bearer token
 * only over HTTPS, so the emulated ARM serves TLS, and its clients trust exactly this certificate.
 */
public final class EmulatorCertificate implements AutoCloseable {

    /** The names of its PEM files in a folder ({@link #in}). */
    public static final String CERTIFICATE_FILE = "cert.pem";
    public static final String KEY_FILE = "key.pem";

    private final String certificatePath;
    private final String keyPath;
    private final SelfSignedCertificate made;

    /** A new certificate, whose files are deleted when it is closed. */
    public EmulatorCertificate() {
        this.made = SelfSignedCertificate.create("localhost");
        this.certificatePath = made.certificatePath();
        this.keyPath = made.privateKeyPath();
    }

    private EmulatorCertificate(Path folder) {
        this.made = null;
        this.certificatePath = folder.resolve(CERTIFICATE_FILE).toString();
        this.keyPath = folder.resolve(KEY_FILE).toString();
    }

    /** The certificate whose PEM files another emulator wrote into {@code folder}; closing it deletes nothing. */
    public static EmulatorCertificate in(Path folder) {
        return new EmulatorCertificate(folder);
    }

    /** The key and certificate the emulated ARM serves. */
    public KeyCertOptions keyCertOptions() {
        return new PemKeyCertOptions().setCertPath(certificatePath).setKeyPath(keyPath);
    }

    /** Trust in this certificate, and in nothing else. */
    public PemTrustOptions trustOptions() {
        return new PemTrustOptions().addCertPath(certificatePath);
    }

    /** The certificate's PEM file. */
    public String certificatePath() {
        return certificatePath;
    }

    /** The private key's PEM file. */
    public String keyPath() {
        return keyPath;
    }

    @Override
    public void close() {
        if (made != null) {
            made.delete();
        }
    }
}
