package com.tenantregistrar.partnercenter;

import java.time.Duration;
import java.util.Optional;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.tenantregistrar.error.RegistrarException;

/** Partner Center refused or failed a read, or could not be reached; see {@link PartnerCenterErrorTranslator}. */
public class PartnerCenterException extends RegistrarException {

    PartnerCenterException(int status, String code, String message, Duration retryAfter, Throwable cause) {
        super(status, code, message, retryAfter, null, cause);
    }

    /** The {@code MS-RequestId} of the answer that failed the read, when Partner Center answered. */
    public Optional<String> requestId() {
        return header(PartnerCenterHeaders.REQUEST_ID);
    }

    /** The {@code MS-CorrelationId} of that answer. */
    public Optional<String> correlationId() {
        return header(PartnerCenterHeaders.CORRELATION_ID);
    }

    /** Partner Center echoes both; the request's own value stands in when it did not. */
    private Optional<String> header(HttpHeaderName name) {
        if (!(getCause() instanceof HttpResponseException answered) || answered.getResponse() == null) {
            return Optional.empty();
        }
        String echoed = answered.getResponse().getHeaders().getValue(name);
        return Optional.ofNullable(echoed != null ? echoed
                : answered.getResponse().getRequest().getHeaders().getValue(name));
    }
}
