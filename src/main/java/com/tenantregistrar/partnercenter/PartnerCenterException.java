package com.tenantregistrar.partnercenter;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.tenantregistrar.error.RegistrarException;

/** Partner Center refused or failed a read, or could not be reached; see {@link PartnerCenterErrorTranslator}. */
public class PartnerCenterException extends RegistrarException {

    PartnerCenterException(int status, String code, String message, Duration retryAfter, Throwable cause) {
        super(status, code, message, retryAfter, null, cause);
    }

    /** The status Partner Center answered the failed read with, when it answered. */
    public OptionalInt answeredStatus() {
        return getCause() instanceof HttpResponseException answered && answered.getResponse() != null
                ? OptionalInt.of(answered.getResponse().getStatusCode())
                : OptionalInt.empty();
    }

    /**
     * Whether Partner Center refused the request itself (a 4xx that is neither about the app's token or rights nor
     * throttling): for a page asked with a continuation token, a token it no longer accepts.
     */
    public boolean refusedRequest() {
        int status = answeredStatus().orElse(0);
        return status >= 400 && status < 500 && status != 401 && status != 403 && status != 408 && status != 429;
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
