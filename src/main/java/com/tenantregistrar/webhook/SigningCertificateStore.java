package com.tenantregistrar.webhook;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.tenantregistrar.config.RegistrarConfig;
import com.tenantregistrar.outbound.OutboundHttpOptions;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Fetches signing certificates, without following redirects, within a timeout and a size cap, and keeps them for
 * a while (a bounded, expiring cache; a burst of events shares one fetch, and a failed fetch is not kept).
 */
@ApplicationScoped
public class SigningCertificateStore {

    /** A certificate file is about 2 KiB; a chain a few times that. */
    static final int MAX_BYTES = 64 * 1024;
    private static final int MAX_CACHED_URLS = 16;

    private final HttpClient http;
    private final Duration timeout;
    private final AsyncLoadingCache<URI, List<X509Certificate>> cache;

    @Inject
    public SigningCertificateStore(Vertx vertx, OutboundHttpOptions options, RegistrarConfig config) {
        this.timeout = config.webhook().certFetchTimeout();
        this.http = vertx.createHttpClient(options.create(timeout, 2));
        this.cache = Caffeine.newBuilder()
                .maximumSize(MAX_CACHED_URLS)
                .expireAfterWrite(config.webhook().certCacheTtl())
                .buildAsync((url, executor) -> fetch(url).toCompletionStage().toCompletableFuture());
    }

    /**
     * The certificates at {@code url}, the signer first.
     *
     * @throws InvalidSignatureException when they cannot be fetched or read
     */
    List<X509Certificate> certificates(URI url) {
        CompletableFuture<List<X509Certificate>> future = cache.get(url);
        try {
            return future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof InvalidSignatureException invalid ? invalid
                    : new InvalidSignatureException("certificate fetch: " + e.getCause());
        } catch (TimeoutException e) {
            throw new InvalidSignatureException("certificate fetch: timed out after " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidSignatureException("certificate fetch: interrupted");
        }
    }

    private Future<List<X509Certificate>> fetch(URI url) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url.toString())
                .setFollowRedirects(false).setTimeout(timeout.toMillis());
        Promise<Buffer> body = Promise.promise();
        http.request(request).onComplete(created -> {
            if (created.failed()) {
                body.fail(created.cause());
                return;
            }
            // Listening before sending runs the listener on the event loop as the answer arrives, so that no part
            // of the body goes by before body() reads it.
            created.result().response().onComplete(answered -> {
                if (answered.failed()) {
                    body.tryFail(answered.cause());
                } else {
                    body(answered.result()).onComplete(body);
                }
            });
            created.result().end().onFailure(body::tryFail);
        });
        return body.future().map(SigningCertificateStore::parse);
    }

    private Future<Buffer> body(HttpClientResponse response) {
        if (response.statusCode() != 200) {
            response.request().reset();
            return Future.failedFuture(new InvalidSignatureException("certificate fetch: answered "
                    + response.statusCode() + (response.statusCode() / 100 == 3 ? " (redirects are not followed)" : "")));
        }
        // Blob storage always sends Content-Length, and HTTP/1.1 framing holds the body to it.
        long length = parseLength(response.getHeader("Content-Length"));
        if (length < 0 || length > MAX_BYTES) {
            response.request().reset();
            return Future.failedFuture(new InvalidSignatureException("certificate fetch: no Content-Length, or more "
                    + "than " + MAX_BYTES + " bytes"));
        }
        return response.body();
    }

    private static long parseLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static List<X509Certificate> parse(Buffer body) {
        try {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(body.getBytes())).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new InvalidSignatureException("certificate fetch: no certificate in the file");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new InvalidSignatureException("certificate fetch: not a certificate (" + e.getMessage() + ")");
        }
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
