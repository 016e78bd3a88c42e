package com.tenantregistrar.config;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * A setting's value the app cannot run with. Its message is one line that names the environment variable as users
 * write it, what is wrong, and a valid example; start-up stops with it.
 */
public class InvalidSettingException extends ConfigurationException {

    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String message) {
        super(message);
    }
}
