package com.tenantregistrar.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;

/**
 * A loopback pass-through that counts the requests it forwards: put in front of a storage endpoint, it says how many
 * storage calls the app made (Shared Key signs the path, not the port, so the app's requests pass unchanged).
 */
final class CountingProxy implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger requests;

    private CountingProxy(HttpServer server, AtomicInteger requests) {
        this.server = server;
        this.requests = requests;
    }

    /** Forwards a loopback port (free, chosen here) to {@code 127.0.0.1:targetPort}. */
    static CountingProxy start(Vertx vertx, int targetPort) throws Exception {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(32));
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = vertx.createHttpServer().requestHandler(in -> {
            requests.incrementAndGet();
            in.body().compose(body -> client.request(new RequestOptions().setMethod(in.method()).setHost("127.0.0.1")
                    .setPort(targetPort).setURI(in.uri()).setHeaders(in.headers()))
                    .compose(out -> out.send(body)))
                    .onSuccess(answer -> {
                        in.response().setStatusCode(answer.statusCode()).headers().setAll(answer.headers());
                        answer.body().onSuccess(in.response()::end).onFailure(e -> in.response().reset());
                    })
                    .onFailure(e -> in.response().setStatusCode(502).end());
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new CountingProxy(server, requests);
    }

    int port() {
        return server.actualPort();
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.close();
    }
}
