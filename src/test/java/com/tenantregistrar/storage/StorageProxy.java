package com.tenantregistrar.storage;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;

/**
 * A small HTTP proxy in front of one of Azurite's services (Blob or Table), on a free loopback port, for what
 * Azurite cannot do itself: answer 503 {@code ServerBusy} (throttling) to the next requests, refuse some with 403 as
 * a missing role does, be slow, let a test act
 * between a client's read and its conditional write (a stale ETag), and say which requests the app made. Shared Key
 * signs the path, not the port, so the app's requests pass unchanged.
 */
public final class StorageProxy implements AutoCloseable {

    /** A storage service, by its endpoint's key in a connection string. */
    public enum Service {
        BLOB("Blob"), TABLE("Table");

        private final String name;
        private final Pattern endpoint;

        Service(String name) {
            this.name = name;
            this.endpoint = Pattern.compile(name + "Endpoint=http://127\\.0\\.0\\.1:(\\d+)");
        }

        /** This service's port in an Azurite's {@code connectionString}. */
        public int port(String connectionString) {
            Matcher m = endpoint.matcher(connectionString);
            if (!m.find()) {
                throw new IllegalStateException("The connection string has no loopback " + name + " endpoint");
            }
            return Integer.parseInt(m.group(1));
        }
    }

    private final Vertx vertx;
    private final Service service;
    private final HttpServer server;
    private final HttpClient client;
    private final Supplier<String> target;
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger busyAnswers = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;
    private final AtomicReference<Hook> hook = new AtomicReference<>();
    private final Queue<String> requests = new ConcurrentLinkedQueue<>();
    private volatile Predicate<HttpServerRequest> refused = request -> false;

    private record Hook(Predicate<HttpServerRequest> matches, Runnable action) {
    }

    private StorageProxy(Vertx vertx, Service service, Supplier<String> target) throws Exception {
        this.vertx = vertx;
        this.service = service;
        this.target = target;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(32));
        this.server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /**
     * A proxy to {@code service} of the Azurite whose connection string {@code target} gives at each request (so
     * that it follows an Azurite restarted on other ports).
     */
    public static StorageProxy start(Vertx vertx, Service service, Supplier<String> target) throws Exception {
        return new StorageProxy(vertx, service, target);
    }

    /** The proxy's port. */
    public int port() {
        return server.actualPort();
    }

    /** {@code connectionString} (an Azurite's) with this proxy's service reached through it. */
    public String through(String connectionString) {
        return service.endpoint.matcher(connectionString)
                .replaceAll(service.name + "Endpoint=http://127.0.0.1:" + port());
    }

    /** Answers the next {@code count} requests 503 ServerBusy, as a throttled storage account does. */
    public void serverBusy(int count) {
        busy.set(count);
    }

    /** How many requests were answered ServerBusy. */
    public int busyAnswers() {
        return busyAnswers.get();
    }

    /** Holds every request this long before forwarding it. */
    public void delay(Duration delay) {
        this.delay = delay;
    }

    /** Runs {@code action} (blocking allowed) before forwarding the first request that {@code matches}. */
    public void once(Predicate<HttpServerRequest> matches, Runnable action) {
        hook.set(new Hook(matches, action));
    }

    /**
     * Answers every request that {@code matches} 403 {@code AuthorizationPermissionMismatch}, as an account does
     * whose role assignments do not let the app's identity do it, until {@link #refuseNothing}.
     */
    public void refuse(Predicate<HttpServerRequest> matches) {
        refused = matches;
    }

    /** Forwards every request again. */
    public void refuseNothing() {
        refused = request -> false;
    }

    /** The requests forwarded, as {@code METHOD path}, in the order they came. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            if (busy.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                busyAnswers.incrementAndGet();
                request.response().setStatusCode(503).putHeader("Content-Type", "application/json")
                        .putHeader("x-ms-error-code", "ServerBusy")
                        .end("{\"odata.error\":{\"code\":\"ServerBusy\",\"message\":{\"lang\":\"en-US\","
                                + "\"value\":\"The server is busy.\"}}}");
                return;
            }
            if (refused.test(request)) {
                request.response().setStatusCode(403).putHeader("Content-Type", "application/xml")
                        .putHeader("x-ms-error-code", "AuthorizationPermissionMismatch")
                        .end("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthorizationPermissionMismatch"
                                + "</Code><Message>This request is not authorized to perform this operation using this "
                                + "permission.</Message></Error>");
                return;
            }
            Hook once = hook.get();
            Future<Void> ready = Future.succeededFuture();
            if (once != null && once.matches().test(request) && hook.compareAndSet(once, null)) {
                ready = vertx.executeBlocking(() -> {
                    once.action().run();
                    return null;
                }, false);
            }
            if (!delay.isZero()) {
                Future<Void> before = ready;
                ready = before.compose(v -> {
                    io.vertx.core.Promise<Void> later = io.vertx.core.Promise.promise();
                    vertx.setTimer(delay.toMillis(), id -> later.complete());
                    return later.future();
                });
            }
            ready.onComplete(done -> forward(request, body));
        });
    }

    private void forward(HttpServerRequest request, Buffer body) {
        requests.add(request.method() + " " + request.path());
        RequestOptions options = new RequestOptions().setMethod(request.method()).setHost("127.0.0.1")
                .setPort(service.port(target.get())).setURI(request.uri());
        client.request(options).compose(outbound -> {
            request.headers().forEach(h -> {
                if (!h.getKey().equalsIgnoreCase("Host")) {
                    outbound.putHeader(h.getKey(), h.getValue());
                }
            });
            return outbound.send(body);
        }).compose(answer -> answer.body().map(content -> {
            request.response().setStatusCode(answer.statusCode()).setStatusMessage(answer.statusMessage());
            answer.headers().forEach(h -> request.response().putHeader(h.getKey(), h.getValue()));
            request.response().end(content);
            return null;
        })).onFailure(failure -> request.connection().close());
    }

    @Override
    public void close() {
        server.close();
        client.close();
    }
}
