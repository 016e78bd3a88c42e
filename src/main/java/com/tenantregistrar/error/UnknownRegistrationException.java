package com.tenantregistrar.error;

import java.util.Collection;

/** The caller named a registration alias that is not configured: 404 {@code UnknownRegistration}. */
public class UnknownRegistrationException extends RegistrarException {

    public UnknownRegistrationException(String alias, Collection<String> configured) {
        super(404, "UnknownRegistration", "No registration is configured with the alias '" + alias
                + "'. Configured aliases: " + String.join(", ", configured)
                + ". Add it to REGISTRAR_REGISTRATIONS or use one of these.");
    }
}
