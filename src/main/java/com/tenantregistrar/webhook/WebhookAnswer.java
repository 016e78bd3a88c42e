package com.tenantregistrar.webhook;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.tenantregistrar.drift.DriftReport.Action;
import com.tenantregistrar.error.ErrorBody;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the webhook answers Partner Center for a verified event. Written by Jackson outside Funqy, hence
 * registered for reflection here.
 *
 * @param status {@code acknowledged}, {@code registered}, {@code failed} (a permanent refusal: retrying helps
 *        nobody), {@code ignored}, or {@code stale} (older than {@code REGISTRAR_WEBHOOK_MAX_EVENT_AGE}: not acted on)
 * @param error why it failed
 * @param tenantId the event's customer, when it was acted on
 * @param results one per registration write, naming the Azure subscription ({@code customerSubscriptionId})
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookAnswer(String status, ErrorBody error, String tenantId, List<Action> results) {

    static WebhookAnswer of(String status) {
        return new WebhookAnswer(status, null, null, null);
    }
}
