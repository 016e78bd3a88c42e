package com.tenantregistrar.error;

import java.time.Duration;

/** Azure Resource Manager refused or failed a call, or could not be reached; see {@code ArmErrorTranslator}. */
public class ArmException extends RegistrarException {

    public ArmException(int status, String code, String message, Duration retryAfter, Throwable cause) {
        super(status, code, message, retryAfter, null, cause);
    }
}
