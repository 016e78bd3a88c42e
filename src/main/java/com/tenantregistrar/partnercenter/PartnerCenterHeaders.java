package com.tenantregistrar.partnercenter;

import java.util.UUID;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;

import reactor.core.publisher.Mono;

/**
 * The request headers Partner Center asks every call to send: {@code MS-RequestId}, "used to ensure id-potency… the
 * retry call should include the same value", so set once per call, before the retry policy; and
 * {@code MS-CorrelationId}, "reset for every call", so new on every try, after it.
 */
final class PartnerCenterHeaders {

    static final HttpHeaderName REQUEST_ID = HttpHeaderName.fromString("MS-RequestId");
    static final HttpHeaderName CORRELATION_ID = HttpHeaderName.fromString("MS-CorrelationId");
    static final HttpHeaderName APPLICATION = HttpHeaderName.fromString("MS-PartnerCenter-Application");

    private PartnerCenterHeaders() {
    }

    /** A new {@code MS-RequestId} for each call, kept by its retries (a per-call policy). */
    static HttpPipelinePolicy requestId() {
        return new HeaderPolicy(REQUEST_ID, HttpPipelinePosition.PER_CALL);
    }

    /** A new {@code MS-CorrelationId} for each try (a per-retry policy). */
    static HttpPipelinePolicy correlationId() {
        return new HeaderPolicy(CORRELATION_ID, HttpPipelinePosition.PER_RETRY);
    }

    private record HeaderPolicy(HttpHeaderName name, HttpPipelinePosition position) implements HttpPipelinePolicy {

        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            context.getHttpRequest().setHeader(name, UUID.randomUUID().toString());
            return next.process();
        }

        @Override
        public HttpPipelinePosition getPipelinePosition() {
            return position;
        }
    }
}
