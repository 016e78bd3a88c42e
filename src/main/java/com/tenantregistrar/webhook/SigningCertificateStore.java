package com.tenantregistrar.webhook;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Cache;
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
 * a while (a bounded, expiring cache; a burst of events shares one fetch, and a failed fetch is not kept). A kept
 * certificate that no longer verifies can be {@link #refetch fetched once more}, for a certificate rotated at the
 * same URL.
 */
@ApplicationScoped
public class SigningCertificateStore {

    /** A certificate file is about 2 KiB; a chain a few times that. */
    static final int MAX_BYTES = 64 * 1024;
    private static final int MAX_CACHED_URLS = 16;
    /**
     * How often one URL may be fetched again for a certificate that no longer verifies: a rotated certificate is
     * picked up at once, while a stream of forged signatures cannot turn into a fetch each.
     */
    private static final Duration REFETCH_INTERVAL = Duration.ofMinutes(1);

    private final HttpClient http;
    private final Duration timeout;
    private final AsyncLoadingCache<URI, List<X509Certificate>> cache;
    private final Cache<URI, Boolean> recentRefetches = Caffeine.newBuilder()
            .maximumSize(MAX_CACHED_URLS).expireAfterWrite(REFETCH_INTERVAL).build();

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
     * The certificates at {@code url}, the signer first, and whether they were kept from an earlier fetch.
     *
     * @throws InvalidSignatureException when they cannot be fetched or read
     */
    Lookup certificates(URI url) {
        CompletableFuture<List<X509Certificate>> kept = cache.getIfPresent(url);
        boolean fromEarlierFetch = kept != null && kept.isDone();
        return new Lookup(await(kept != null ? kept : cache.get(url)), fromEarlierFetch);
    }

    /** Certificates looked up in the store. */
    record Lookup(List<X509Certificate> certificates, boolean kept) {
    }

    /**
     * Fetches the certificates at {@code url} once more, in place of {@code stale}, unless this URL was fetched
     * again within {@link #REFETCH_INTERVAL}; then answers what another such fetch brought, if anything.
     * Concurrent callers share one fetch.
     *
     * @throws InvalidSignatureException when they cannot be fetched or read
     */
    Optional<List<X509Certificate>> refetch(URI url, List<X509Certificate> stale) {
        if (recentRefetches.asMap().putIfAbsent(url, Boolean.TRUE) == null) {
            cache.asMap().computeIfPresent(url, (key, current) -> holds(current, stale) ? null : current);
        }
        List<X509Certificate> current = await(cache.get(url));
        return current == stale ? Optional.empty() : Optional.of(current);
    }

    private static boolean holds(CompletableFuture<List<X509Certificate>> future, List<X509Certificate> value) {
        return future.isDone() && !future.isCompletedExceptionally() && future.join() == value;
    }

    private List<X509Certificate> await(CompletableFuture<List<X509Certificate>> future) {
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
        // A refused answer is reset, not read: the reset's own failure is this fetch's, already answered, and would
        // otherwise be logged by Vert.x as an unhandled ERROR.
        response.exceptionHandler(reset -> { });
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
