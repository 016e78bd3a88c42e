package com.tenantregistrar.outbound;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.vertx.core.http.HttpClientOptions;

/** The one place where the options of the app's outbound HTTPS clients are made, their TLS trust included. */
@ApplicationScoped
public class OutboundHttpOptions {

    private final Instance<OutboundTrust> trust;

    @Inject
    public OutboundHttpOptions(Instance<OutboundTrust> trust) {
        this.trust = trust;
    }

    /**
     * Options with this connect timeout and at most {@code maxConnections} connections (so requests) under way to
     * one server at once, further requests waiting their turn; verifying the server's certificate and host name.
     */
    public HttpClientOptions create(Duration connectTimeout, int maxConnections) {
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setMaxPoolSize(Math.max(1, maxConnections))
                .setVerifyHost(true)
                .setMaxHeaderSize(256 * 1024);
        trust.forEach(customizer -> customizer.customize(options));
        return options;
    }
}
