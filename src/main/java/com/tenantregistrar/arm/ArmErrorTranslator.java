package com.tenantregistrar.arm;

import java.time.Duration;
import java.util.Map;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.tenantregistrar.error.ArmException;
import com.tenantregistrar.error.RegistrarException;
import com.tenantregistrar.outbound.RetryAfter;
import com.tenantregistrar.outbound.Unreachable;

import reactor.core.Exceptions;

/**
 * Turns what the ARM pipeline throws into the app's answer: the status and code a caller can act on, and a
 * message that says what to do, in an operator's terms. The one place that knows ARM's error codes.
 */
final class ArmErrorTranslator {

    /** Azure Stack's documented codes: the status we answer and what the operator should do. */
    private static final Map<String, Remedy> REMEDIES = Map.of(
            "RegistrationNotFound", new Remedy(404,
                    "The registration does not exist in ARM. Check the subscription, resource group and name in "
                            + "REGISTRAR_REGISTRATIONS against the registration created when the Azure Stack Hub "
                            + "was registered (its CloudDeploymentID, from Get-AzureStackStampInformation)."),
            "CustomerSubscriptionNotFound", new Remedy(404,
                    "The customer subscription is not registered on this registration."),
            "BadCustomerSubscriptionId", new Remedy(400,
                    "The customer subscription belongs to another CSP partner, or its ID is in the wrong case. "
                            + "Only customers of the partner that owns the registration can be added; check the "
                            + "ID as Partner Center shows it. Retrying will not help."),
            "InvalidCustomerSubscriptionId", new Remedy(400,
                    "This is not a valid Azure subscription. Check the customer subscription ID."),
            "InvalidCSPSubscription", new Remedy(400,
                    "The customer subscription is not a CSP subscription; the ID may be mistyped."),
            "UnauthorizedCspRegistration", new Remedy(403,
                    "The registration is not approved for multi-tenant billing. Ask Microsoft to enable it by "
                            + "emailing azstcsp@microsoft.com with the registration's subscription ID, resource "
                            + "group and name; it takes one or two business days. Retrying will not help."),
            "CustomerSubscriptionsNotAllowed", new Remedy(409,
                    "The registration uses the Capacity billing model (disconnected), which cannot have "
                            + "customer subscriptions. Re-register the Azure Stack Hub as PayAsYouUse."),
            "AuthorizationFailed", new Remedy(403,
                    "The function app's identity may not manage customer subscriptions on this registration. "
                            + "Grant it a role with Microsoft.AzureStack/registrations/customerSubscriptions/"
                            + "read, write and delete on the registration's resource group."),
            "MetadataResolverBadGatewayError", new Remedy(502,
                    "An Azure service behind ARM failed. This is transient; retry later."));

    private record Remedy(int status, String advice) {
    }

    private ArmErrorTranslator() {
    }

    /** The app's failure for whatever an ARM call ended with. */
    static RuntimeException translate(Throwable thrown) {
        Throwable failure = Exceptions.unwrap(thrown);
        if (failure instanceof RegistrarException registrarException) {
            return registrarException;
        }
        if (failure instanceof ClientAuthenticationException) {
            return new ArmException(503, "CredentialUnavailable",
                    "The function app could not get a token for ARM from its managed identity. Check that the "
                            + "identity is enabled on the function app (and, for a user-assigned one, that "
                            + "AZURE_CLIENT_ID names it), and that REGISTRAR_ARM_AUDIENCE is right. This can be "
                            + "transient; retry later.",
                    null, failure);
        }
        if (failure instanceof HttpResponseException responseException && responseException.getResponse() != null) {
            return fromResponse(responseException);
        }
        if (Unreachable.cause(failure)) {
            return new ArmException(504, "UpstreamTimeout",
                    "Azure Resource Manager did not answer in time or could not be reached (" + simpleName(failure)
                            + "). Nothing is known to have changed; the call is safe to retry.",
                    null, failure);
        }
        return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }

    /** Whether ARM refused the call's token (401): the token must be dropped, since a new one may be accepted. */
    static boolean refusedToken(Throwable thrown) {
        return Exceptions.unwrap(thrown) instanceof HttpResponseException answered && answered.getResponse() != null
                && answered.getResponse().getStatusCode() == 401;
    }

    private static RegistrarException fromResponse(HttpResponseException exception) {
        HttpResponse response = exception.getResponse();
        int status = response.getStatusCode();
        ManagementError error = exception instanceof ManagementException management ? management.getValue() : null;
        String code = error == null || error.getCode() == null ? null : error.getCode();
        String armMessage = error == null || error.getMessage() == null ? "" : " ARM said: " + error.getMessage();
        Remedy remedy = code == null ? null : REMEDIES.get(code);

        if (remedy != null) {
            return new ArmException(remedy.status(), code, remedy.advice() + armMessage, null, exception);
        }
        if (status == 429) {
            Duration retryAfter = RetryAfter.of(response.getHeaders()).orElse(Duration.ofSeconds(30));
            return new ArmException(429, "Throttled", "ARM is throttling this subscription's requests. Retry after "
                    + retryAfter.toSeconds() + " s." + armMessage, retryAfter, exception);
        }
        if (status == 401) {
            return new ArmException(503, code == null ? "InvalidAuthenticationToken" : code,
                    "ARM did not accept the function app's token (" + (code == null ? "401" : code) + "). The token "
                            + "was dropped and the next call asks the managed identity for a new one; retry. If this "
                            + "persists, check REGISTRAR_ARM_AUDIENCE and that the identity lives in the "
                            + "registration subscription's tenant." + armMessage,
                    null, exception);
        }
        if (status == 403) {
            return new ArmException(403, code == null ? "Forbidden" : code,
                    "ARM refused the function app's identity (403). "
                            + REMEDIES.get("AuthorizationFailed").advice() + armMessage,
                    null, exception);
        }
        if (status >= 500) {
            return new ArmException(502, code == null ? "UpstreamError" : code,
                    "Azure Resource Manager failed with " + status + " and kept failing after retries. This is "
                            + "transient; retry later." + armMessage,
                    null, exception);
        }
        return new ArmException(status, code == null ? "UpstreamRejected" : code,
                "ARM refused the call with " + status + "." + armMessage, null, exception);
    }
    private static String simpleName(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
