package com.tenantregistrar.outbound;

import io.vertx.core.http.HttpClientOptions;

/**
 * Adjusts how the app's outbound HTTPS clients (ARM, Partner Center and its certificate store, Entra ID) trust
 * servers. The production app declares no such bean, so certificates are verified against the JVM's default trust
 * store ({@code -Djavax.net.ssl.trustStore} for a private endpoint). It stays an extension point because the local
 * emulator (in the test sources) makes its certificate when it starts, which no trust-store setting can name in
 * advance: its bean trusts that certificate and nothing else.
 */
public interface OutboundTrust {

    void customize(HttpClientOptions options);
}
