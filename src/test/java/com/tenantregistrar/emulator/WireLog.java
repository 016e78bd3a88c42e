package com.tenantregistrar.emulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * Every request the emulated servers received, as it came over the wire: its method, path and the headers that frame
 * its body (RFC 9112 section 6.3: a request has a body exactly when it carries {@code Transfer-Encoding} or a
 * {@code Content-Length} above 0), so that a test can see what the app really sent, whatever the router made of it.
 */
public final class WireLog {

    /**
     * One request.
     *
     * @param server which emulator received it ({@code ARM}, {@code Partner Center}, {@code identity}, {@code Entra})
     * @param transferEncoding its {@code Transfer-Encoding} header, or null
     * @param contentLength its {@code Content-Length} header, or null
     */
    public record WireRequest(String server, String method, String path, String transferEncoding,
            String contentLength) {

        /** Whether its framing gives it a body, even an empty chunked one. */
        public boolean hasBody() {
            return transferEncoding != null || contentLength != null && !contentLength.trim().equals("0");
        }
    }

    private final List<WireRequest> requests = new CopyOnWriteArrayList<>();

    /** {@code handler}, with each request recorded first as {@code server}'s. */
    Handler<HttpServerRequest> capture(String server, Handler<HttpServerRequest> handler) {
        return request -> {
            requests.add(new WireRequest(server, request.method().name(), request.path(),
                    request.getHeader("Transfer-Encoding"), request.getHeader("Content-Length")));
            handler.handle(request);
        };
    }

    /** Every request since the last {@link #clear()}, in order. */
    public List<WireRequest> requests() {
        return List.copyOf(requests);
    }

    /** Forgets the requests recorded so far. */
    public void clear() {
        requests.clear();
    }
}
