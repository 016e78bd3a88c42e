package com.tenantregistrar.outbound;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import com.azure.core.http.HttpClient;
import com.azure.core.http.vertx.VertxHttpClientBuilder;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;

/**
 * The one place where the app's outbound HTTPS clients and their options are made, their TLS trust included.
 */
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

    /**
     * The azure-core client of {@code service} (ARM, Partner Center, Storage, and their credentials): azure-core-http-vertx
     * on Quarkus' Vert.x with {@link #create these options}, each request sent in its call's context
     * ({@link CallContextHttpClient}), each connection's failures logged at DEBUG ({@link QuietConnections}).
     */
    public HttpClient client(String service, Vertx vertx, Duration connectTimeout, int maxConnections,
            Duration responseTimeout) {
        return new CallContextHttpClient(new VertxHttpClientBuilder()
                .vertx(QuietConnections.of(vertx, service))
                .httpClientOptions(create(connectTimeout, maxConnections))
                .responseTimeout(responseTimeout)
                .build(), service, vertx);
    }
}
