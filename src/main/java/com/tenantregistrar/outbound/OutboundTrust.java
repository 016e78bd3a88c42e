package com.tenantregistrar.outbound;

import io.vertx.core.http.HttpClientOptions;

/**
 * Adjusts how the app's outbound HTTPS clients (ARM, Partner Center's certificate store) trust servers. Production
 * has no such bean, so certificates are verified against the JVM's default trust store
 * ({@code -Djavax.net.ssl.trustStore} for a private endpoint); only the dev and test profiles add one, to trust the
 * local emulator's certificate and nothing else.
 */
public interface OutboundTrust {

    void customize(HttpClientOptions options);
}
