package com.tenantregistrar.arm;

import java.time.Duration;

import org.jboss.logging.Logger;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryStrategy;
import com.tenantregistrar.outbound.RetryAfter;

/**
 * azure-core's exponential back-off (408, 429, 5xx but 501/505, and failures to send; Retry-After honoured), with
 * two limits added: a failure to get a token is not retried, and a Retry-After longer than {@code maxRetryAfter} is not waited out inside the app, so that an
 * HTTP call ends well within the Functions and Logic Apps time limits and the caller is told when to come back.
 */
final class ArmRetryStrategy implements RetryStrategy {

    private static final Logger LOG = Logger.getLogger(ArmRetryStrategy.class);

    private final ExponentialBackoff backoff;
    private final Duration maxRetryAfter;

    ArmRetryStrategy(int maxRetries, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {
        this.backoff = new ExponentialBackoff(maxRetries, baseDelay, maxDelay);
        this.maxRetryAfter = maxRetryAfter;
    }

    @Override
    public int getMaxRetries() {
        return backoff.getMaxRetries();
    }

    @Override
    public Duration calculateRetryDelay(int retryAttempts) {
        return backoff.calculateRetryDelay(retryAttempts);
    }

    @Override
    public boolean shouldRetryCondition(RequestRetryCondition condition) {
        if (condition.getThrowable() instanceof ClientAuthenticationException) {
            // azure-identity already retried the identity endpoint (see FailFastCredential).
            return false;
        }
        HttpResponse response = condition.getResponse();
        if (response != null && RetryAfter.of(response.getHeaders()).filter(d -> d.compareTo(maxRetryAfter) > 0)
                .isPresent()) {
            return false;
        }
        boolean retry = backoff.shouldRetryCondition(condition);
        if (retry) {
            // The one line per retried answer; the call's final failure is logged where it is answered.
            LOG.warnf("ARM try %d of %d failed (%s); retrying", condition.getTryCount() + 1, getMaxRetries() + 1,
                    response != null ? response.getRequest().getHttpMethod() + " answered " + response.getStatusCode()
                            + ", armRequestId=" + response.getHeaderValue(HttpHeaderName.X_MS_REQUEST_ID)
                            : String.valueOf(condition.getThrowable()));
        }
        return retry;
    }
}
