package com.tenantregistrar.partnercenter;

import java.time.Duration;

import org.jboss.logging.Logger;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryStrategy;

/**
 * Partner Center's throttling guidance as azure-core's exponential back-off: 408, 429 and 5xx (but 501/505) and
 * failures to send are retried, a 429's {@code Retry-After} waited out (azure-core's retry policy reads it), else
 * the delay doubles from {@link #BASE_DELAY}. A failure to get a token is not retried: azure-identity already
 * retried Entra. How long the waits may add up to is the read's budget, not a limit here.
 */
final class PartnerCenterRetryStrategy implements RetryStrategy {

    private static final Logger LOG = Logger.getLogger(PartnerCenterRetryStrategy.class);

    /** Microsoft's own Partner Center SDKs retry three times. */
    static final int MAX_RETRIES = 3;
    static final Duration BASE_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(16);

    private final ExponentialBackoff backoff = new ExponentialBackoff(MAX_RETRIES, BASE_DELAY, MAX_DELAY);

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
        boolean retry = backoff.shouldRetryCondition(condition);
        if (retry) {
            // The one line per retried answer; the call's final failure is logged where it is answered.
            HttpResponse response = condition.getResponse();
            LOG.warnf("Partner Center try %d of %d failed (%s); retrying", condition.getTryCount() + 1,
                    getMaxRetries() + 1, response != null
                            ? response.getRequest().getHttpMethod() + " " + response.getRequest().getUrl().getPath()
                                    + " answered " + response.getStatusCode() + ", MS-RequestId="
                                    + response.getRequest().getHeaders().getValue(PartnerCenterHeaders.REQUEST_ID)
                            : String.valueOf(condition.getThrowable()));
        }
        return retry;
    }
}
