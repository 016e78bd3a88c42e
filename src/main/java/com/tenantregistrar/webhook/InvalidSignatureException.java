package com.tenantregistrar.webhook;

import com.tenantregistrar.error.RegistrarException;

/**
 * A webhook request whose signature could not be proven to come from Partner Center: 401, with nothing that
 * tells a forger which check failed. The step that failed is in {@link #step()}, for the log only.
 */
public class InvalidSignatureException extends RegistrarException {

    private final String step;

    public InvalidSignatureException(String step) {
        super(401, "InvalidSignature", "The request's signature could not be verified as Partner Center's.");
        this.step = step;
    }

    /** Which verification step failed, and why. */
    public String step() {
        return step;
    }
}
