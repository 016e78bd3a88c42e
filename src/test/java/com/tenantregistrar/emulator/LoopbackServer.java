package com.tenantregistrar.emulator;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/** One of the emulator's servers: listening on a loopback port until closed. */
abstract class LoopbackServer implements AutoCloseable {

    private HttpServer server;

    /** Listens on {@code port} (0: any free port), blocking until it does. */
    final void listen(Vertx vertx, HttpServerOptions options, Handler<HttpServerRequest> handler, int port) {
        server = vertx.createHttpServer(options).requestHandler(handler)
                .listen(port).toCompletionStage().toCompletableFuture().join();
    }

    /** The port it listens on. */
    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
