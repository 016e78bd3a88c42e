package com.tenantregistrar.arm;

import io.vertx.core.http.HttpClientOptions;

/**
 * Adjusts how the ARM client trusts TLS certificates. Production has no such bean, so ARM's certificate is
 * verified against the JVM's default trust store ({@code -Djavax.net.ssl.trustStore} for a private endpoint);
 * only the dev and test profiles add one, to trust the local emulator's certificate and nothing else.
 */
public interface ArmTrustCustomizer {

    void customize(HttpClientOptions options);
}
