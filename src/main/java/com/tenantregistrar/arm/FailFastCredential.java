package com.tenantregistrar.arm;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;

import reactor.core.publisher.Mono;

/**
 * Ends a failed token request as a {@link ClientAuthenticationException} without a cause. azure-identity has
 * already retried the identity endpoint; the ARM pipeline's retry policy, which looks through a failure's causes,
 * would otherwise find the I/O failure inside and repeat the whole round of identity retries for each ARM retry.
 */
final class FailFastCredential implements TokenCredential {

    private final TokenCredential delegate;

    FailFastCredential(TokenCredential delegate) {
        this.delegate = delegate;
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        return delegate.getToken(request).onErrorMap(FailFastCredential::withoutCause);
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext request) {
        try {
            return delegate.getTokenSync(request);
        } catch (RuntimeException e) {
            throw withoutCause(e);
        }
    }

    private static ClientAuthenticationException withoutCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root == failure ? String.valueOf(failure.getMessage())
                : failure.getMessage() + " (" + root + ")";
        return new ClientAuthenticationException(reason, null);
    }
}
