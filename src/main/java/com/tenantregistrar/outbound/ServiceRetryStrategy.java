package com.tenantregistrar.outbound;

import java.time.Duration;
import java.util.function.Function;

import org.jboss.logging.Logger;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryStrategy;

/**
 * azure-core's exponential back-off (408, 429, 5xx but 501/505, and failures to send; Retry-After honoured), as ARM
 * and Partner Center are called, with two limits added: a failure to get a token is not retried (azure-identity has
 * retried it already), and a Retry-After longer than {@code maxRetryAfter} is not waited out inside the app, so that
 * an HTTP call ends within the Functions and Logic Apps time limits and the caller is told when to come back. Each
 * retried answer is one WARN line; the call's final failure is logged where it is answered.
 */
public final class ServiceRetryStrategy implements RetryStrategy {

    private static final Logger LOG = Logger.getLogger(ServiceRetryStrategy.class);

    private final String service;
    private final ExponentialBackoff backoff;
    private final Duration maxRetryAfter;
    private final Function<HttpResponse, String> describe;
    private final boolean retryThrottled;

    /**
     * @param service the service's name in the log, such as {@code ARM}
     * @param maxRetryAfter the longest Retry-After waited out in the app
     * @param describe what the warning says of a retried answer: its request and the service's ID of it
     */
    public ServiceRetryStrategy(String service, int maxRetries, Duration baseDelay, Duration maxDelay,
            Duration maxRetryAfter, Function<HttpResponse, String> describe) {
        this(service, maxRetries, baseDelay, maxDelay, maxRetryAfter, describe, true);
    }

    /**
     * @param retryThrottled whether a 429 is retried here; {@code false} when the caller paces itself to the
     *        throttling (a drift run's writes), so that no request waits out a Retry-After holding its turn
     */
    public ServiceRetryStrategy(String service, int maxRetries, Duration baseDelay, Duration maxDelay,
            Duration maxRetryAfter, Function<HttpResponse, String> describe, boolean retryThrottled) {
        this.service = service;
        this.backoff = new ExponentialBackoff(maxRetries, baseDelay, maxDelay);
        this.maxRetryAfter = maxRetryAfter;
        this.describe = describe;
        this.retryThrottled = retryThrottled;
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
        for (Throwable t = condition.getThrowable(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClientAuthenticationException) {
                return false;
            }
        }
        HttpResponse response = condition.getResponse();
        if (!retryThrottled && response != null && response.getStatusCode() == 429) {
            return false;
        }
        if (response != null && RetryAfter.of(response.getHeaders()).filter(d -> d.compareTo(maxRetryAfter) > 0)
                .isPresent()) {
            return false;
        }
        boolean retry = backoff.shouldRetryCondition(condition);
        if (retry) {
            LOG.warnf("%s try %d of %d failed (%s); retrying", service, condition.getTryCount() + 1,
                    getMaxRetries() + 1, response != null ? describe.apply(response)
                            : String.valueOf(condition.getThrowable()));
        }
        return retry;
    }
}
