package com.tenantregistrar.webhook;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.TrustAnchor;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;

/**
 * The JVM's default trust store ({@code cacerts}, or {@code -Djavax.net.ssl.trustStore}): the roots a signing
 * certificate chains to in production.
 */
@ApplicationScoped
@DefaultBean
public class JvmSignerTrustAnchors implements SignerTrustAnchors {

    private volatile Set<TrustAnchor> anchors;

    @Override
    public Set<TrustAnchor> anchors() {
        Set<TrustAnchor> current = anchors;
        if (current == null) {
            current = load();
            anchors = current;
        }
        return current;
    }

    private static Set<TrustAnchor> load() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return Arrays.stream(factory.getTrustManagers())
                    .filter(X509TrustManager.class::isInstance)
                    .flatMap(manager -> Arrays.stream(((X509TrustManager) manager).getAcceptedIssuers()))
                    .map(certificate -> new TrustAnchor(certificate, null))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JVM's default trust store cannot be read", e);
        }
    }
}
