package com.tenantregistrar.telemetry;

import java.time.Duration;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;

import reactor.core.publisher.Mono;

/**
 * Times each try of an outbound request (after the retry policy, so a retried answer counts as the try it was) and
 * records it with its status ({@link RegistrarMetrics#call}): the latency and throttling of ARM and Partner Center.
 */
public final class CallMetricsPolicy implements HttpPipelinePolicy {

    private final String service;
    private final RegistrarMetrics metrics;

    /** @param service who is called: {@link MetricNames#ARM} or {@link MetricNames#PARTNER_CENTER} */
    public CallMetricsPolicy(String service, RegistrarMetrics metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        long start = System.nanoTime();
        return next.process()
                .doOnNext(response -> metrics.call(service, response.getStatusCode(), since(start)))
                .doOnError(failure -> metrics.call(service, null, since(start)));
    }

    @Override
    public HttpPipelinePosition getPipelinePosition() {
        return HttpPipelinePosition.PER_RETRY;
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
