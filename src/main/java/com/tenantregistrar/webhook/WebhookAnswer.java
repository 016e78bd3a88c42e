package com.tenantregistrar.webhook;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.tenantregistrar.error.ErrorBody;
import com.tenantregistrar.registration.RegistrationResult;

/**
 * What the webhook answers Partner Center for a verified event.
 *
 * @param status {@code acknowledged}, {@code registered}, {@code failed} (a permanent refusal: retrying helps
 *        nobody) or {@code ignored}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookAnswer(String status, ErrorBody error, String customerSubscriptionId, String tenantId,
        List<RegistrationResult> results) {

    static WebhookAnswer of(String status) {
        return new WebhookAnswer(status, null, null, null, null);
    }
}
