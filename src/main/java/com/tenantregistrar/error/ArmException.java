package com.tenantregistrar.error;

import java.time.Duration;
import java.util.Optional;

import com.azure.core.exception.HttpResponseException;

/** Azure Resource Manager refused or failed a call, or could not be reached; see {@code ArmErrorTranslator}. */
public class ArmException extends RegistrarException {

    public ArmException(int status, String code, String message, Duration retryAfter, Throwable cause) {
        super(status, code, message, retryAfter, null, cause);
    }

    /** ARM's {@code x-ms-request-id} of the answer that failed the call, when ARM answered. */
    public Optional<String> armRequestId() {
        return armHeader("x-ms-request-id");
    }

    /** ARM's {@code x-ms-correlation-request-id} of that answer, when ARM answered. */
    public Optional<String> armCorrelationId() {
        return armHeader("x-ms-correlation-request-id");
    }

    private Optional<String> armHeader(String name) {
        return getCause() instanceof HttpResponseException answered && answered.getResponse() != null
                ? Optional.ofNullable(answered.getResponse().getHeaderValue(name))
                : Optional.empty();
    }
}
