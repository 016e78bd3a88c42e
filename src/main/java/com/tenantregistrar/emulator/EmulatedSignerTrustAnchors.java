package com.tenantregistrar.emulator;

import java.security.cert.TrustAnchor;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.tenantregistrar.webhook.SignerTrustAnchors;

import io.quarkus.arc.profile.IfBuildProfile;

/** In dev and test, signing certificates chain to the roots the tests trust ({@link EmulatorState#trustSigner}). */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class EmulatedSignerTrustAnchors implements SignerTrustAnchors {

    @Inject
    EmulatorState state;

    @Override
    public Set<TrustAnchor> anchors() {
        return state.signerAnchors();
    }
}
