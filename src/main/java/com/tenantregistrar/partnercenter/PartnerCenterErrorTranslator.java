package com.tenantregistrar.partnercenter;

import java.io.IOException;
import java.time.Duration;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.error.RegistrarException;
import com.tenantregistrar.outbound.RetryAfter;
import com.tenantregistrar.outbound.Unreachable;

import reactor.core.Exceptions;

/**
 * Turns what a Partner Center read ended with into the app's failure: the status a caller (the timer, Partner
 * Center's own webhook delivery) can act on, and a message that says what to do. An outage or throttling that
 * outlasts the retries is transient (503), so that whoever called retries later; a refusal of the app itself is
 * the operator's to fix.
 */
final class PartnerCenterErrorTranslator {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PartnerCenterErrorTranslator() {
    }

    /** The app's failure for whatever a Partner Center call ended with; {@code what} names the read. */
    static RuntimeException translate(Throwable thrown, String what) {
        Throwable failure = Exceptions.unwrap(thrown);
        if (failure instanceof RegistrarException known) {
            return known;
        }
        if (failure instanceof ClientAuthenticationException) {
            return new PartnerCenterException(503, "PartnerCenterCredentialUnavailable", "The app could not get a "
                    + "Partner Center token from Microsoft Entra (" + failure.getMessage() + "). Check "
                    + "REGISTRAR_PARTNER_CENTER_CLIENT_ID, REGISTRAR_PARTNER_CENTER_TENANT_ID and the credential "
                    + "(the federated credential of the managed identity, or the client secret); see "
                    + "docs/partner-center.md.", null, failure);
        }
        if (failure instanceof HttpResponseException answered && answered.getResponse() != null) {
            return fromResponse(answered, what);
        }
        if (Unreachable.cause(failure)) {
            return new PartnerCenterException(503, "PartnerCenterUnavailable", "Partner Center did not answer "
                    + what + " in time or could not be reached. This is transient; retry later.", null, failure);
        }
        return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }

    private static PartnerCenterException fromResponse(HttpResponseException exception, String what) {
        HttpResponse response = exception.getResponse();
        int status = response.getStatusCode();
        String said = said(exception.getValue());
        return switch (status) {
            case 429 -> {
                Duration retryAfter = RetryAfter.of(response.getHeaders()).orElse(Duration.ofSeconds(60));
                yield new PartnerCenterException(503, "PartnerCenterThrottled", "Partner Center kept throttling "
                        + what + " after the app's retries. Retry after " + retryAfter.toSeconds() + " s." + said,
                        retryAfter, exception);
            }
            case 401 -> new PartnerCenterException(503, "PartnerCenterUnauthorized", "Partner Center did not accept "
                    + "the app's token for " + what + ". Check that REGISTRAR_PARTNER_CENTER_CLIENT_ID is the app "
                    + "registered in Partner Center (Account settings, App management) and "
                    + "REGISTRAR_PARTNER_CENTER_TENANT_ID the partner's tenant." + said, null, exception);
            case 403 -> new PartnerCenterException(403, "PartnerCenterForbidden", "Partner Center refused " + what
                    + " to the app registered as REGISTRAR_PARTNER_CENTER_CLIENT_ID: the app needs Partner Center "
                    + "API access (App management) in a CSP direct-bill or indirect-provider tenant." + said, null,
                    exception);
            case 404 -> new PartnerCenterException(404, "PartnerCenterNotFound", "Partner Center does not know "
                    + what + "." + said, null, exception);
            default -> status >= 500 || status == 408
                    ? new PartnerCenterException(503, "PartnerCenterUnavailable", "Partner Center failed " + what
                            + " with " + status + " and kept failing after the app's retries. This is transient; "
                            + "retry later." + said, null, exception)
                    : new PartnerCenterException(502, "PartnerCenterRejected", "Partner Center refused " + what
                            + " with " + status + "." + said, null, exception);
        };
    }

    /**
     * What Partner Center said: its documented error's {@code description} (its {@code code} may be a number), or
     * the throttling answer's {@code message}.
     */
    private static String said(Object body) {
        if (body == null) {
            return "";
        }
        try {
            JsonNode error = MAPPER.readTree(body.toString());
            String text = error.path("description").asText(error.path("message").asText(""));
            String code = error.path("code").asText("");
            return text.isEmpty() ? "" : " Partner Center said: " + (code.isEmpty() ? "" : code + " ") + text;
        } catch (IOException | RuntimeException notJson) {
            return "";
        }
    }
}
