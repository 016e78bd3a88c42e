package com.tenantregistrar.outbound;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;

import org.jboss.logging.Logger;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A response of azure-core-http-vertx's client that is closed by reading what is left of its body, rather than by the
 * client's own {@code close()}.
 * <p>
 * Why: azure-core's retry policy closes the answer it retries (a 429, a 503) without reading it, and
 * azure-core-http-vertx 1.1.3 closes an unread answer through {@code HttpClientResponse.netSocket().close()}, which
 * on an HTTP/1.1 connection ends the already ended request again and throws {@code NoSuchElementException} out of
 * {@code close()}. The retry policy then took that for a failure of its own: it logged a second, bogus try and retried
 * after its back-off instead of the service's {@code Retry-After}. Reading the rest of the body (an error answer's few
 * bytes) lets Vert.x return the connection to its pool, which is what closing is for.
 */
final class DrainOnClose extends HttpResponse {

    private static final Logger LOG = Logger.getLogger(DrainOnClose.class);

    private final HttpResponse response;
    private volatile boolean read;

    DrainOnClose(HttpResponse response) {
        super(response.getRequest());
        this.response = response;
    }

    @Override
    public int getStatusCode() {
        return response.getStatusCode();
    }

    @Override
    @Deprecated
    public String getHeaderValue(String name) {
        return response.getHeaderValue(name);
    }

    @Override
    public String getHeaderValue(HttpHeaderName name) {
        return response.getHeaderValue(name);
    }

    @Override
    public HttpHeaders getHeaders() {
        return response.getHeaders();
    }

    @Override
    public Flux<ByteBuffer> getBody() {
        read = true;
        return response.getBody();
    }

    @Override
    public Mono<byte[]> getBodyAsByteArray() {
        read = true;
        return response.getBodyAsByteArray();
    }

    @Override
    public Mono<String> getBodyAsString() {
        read = true;
        return response.getBodyAsString();
    }

    @Override
    public Mono<String> getBodyAsString(Charset charset) {
        read = true;
        return response.getBodyAsString(charset);
    }

    @Override
    public BinaryData getBodyAsBinaryData() {
        read = true;
        return response.getBodyAsBinaryData();
    }

    @Override
    public Mono<InputStream> getBodyAsInputStream() {
        read = true;
        return response.getBodyAsInputStream();
    }

    @Override
    public void close() {
        if (!read) {
            read = true;
            response.getBody().subscribe(ignored -> { }, failure -> LOG.debugf("An unread answer ended with %s while "
                    + "it was drained", failure.toString()));
        }
    }
}
