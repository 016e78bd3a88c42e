package com.tenantregistrar.webhook;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.tenantregistrar.error.ErrorBody;
import com.tenantregistrar.registration.RegistrationResult;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the webhook answers Partner Center for a verified event. Written by Jackson outside Funqy, hence
 * registered for reflection here.
 *
 * @param status {@code acknowledged}, {@code registered}, {@code failed} (a permanent refusal: retrying helps
 *        nobody), {@code ignored}, or {@code stale} (older than {@code REGISTRAR_WEBHOOK_MAX_EVENT_AGE}: not acted on)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookAnswer(String status, ErrorBody error, String customerSubscriptionId, String tenantId,
        List<RegistrationResult> results) {

    static WebhookAnswer of(String status) {
        return new WebhookAnswer(status, null, null, null, null);
    }
}
