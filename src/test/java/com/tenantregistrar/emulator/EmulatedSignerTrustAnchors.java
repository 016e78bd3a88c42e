package com.tenantregistrar.emulator;

import java.security.cert.TrustAnchor;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.tenantregistrar.webhook.SignerTrustAnchors;

/**
 * With the emulator, signing certificates chain to the roots the tests trust ({@link EmulatorState#trustSigner})
 * instead of the JVM's trust store ({@code webhook.JvmSignerTrustAnchors}, the default bean).
 */
@ApplicationScoped
public class EmulatedSignerTrustAnchors implements SignerTrustAnchors {

    @Inject
    EmulatorState state;

    @Override
    public Set<TrustAnchor> anchors() {
        return state.signerAnchors();
    }
}
