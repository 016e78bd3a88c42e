package com.tenantregistrar.outbound;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;

import reactor.core.publisher.Mono;

/**
 * Reads a failed answer's body (status 400 or more) as soon as it arrives, and hands on a buffered copy. azure-core's
 * retry policy closes an answer it retries, and azure-core-http-vertx (1.1.3) fails to close an answer whose body
 * is unread ({@code NoSuchElementException}), which the retry policy would take for one more failed try. A buffered
 * answer closes quietly, and its body (ARM's error) can still be read by whoever reports the failure. Placed after
 * the retry policy, so it applies to each try.
 */
public final class FailedAnswerBuffering implements HttpPipelinePolicy {

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return next.process().flatMap(response -> {
            if (response.getStatusCode() < 400) {
                return Mono.just(response);
            }
            HttpResponse buffered = response.buffer();
            return buffered.getBodyAsByteArray().then(Mono.just(buffered));
        });
    }
}
