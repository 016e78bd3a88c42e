package com.tenantregistrar.outbound;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

import org.jboss.logging.Logger;

import io.quarkus.runtime.annotations.RegisterForProxy;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;

/**
 * Quarkus' Vert.x as azure-core-http-vertx is given it: the HTTP clients it creates give each of their connections
 * an exception handler that logs at DEBUG. Without one, Vert.x logs every connection failure (a reset, a dropped
 * connection) at ERROR from {@code io.vertx.core.net.impl.ConnectionBase}, besides the request's own failure, which
 * the retry answers and logs (one WARN when it overcomes it) and the call reports when it does not. The library
 * creates its client with {@code Vertx.createHttpClient(HttpClientOptions)} and takes no connection handler, so that
 * one method is answered here, with the same options and pool, and every other call goes to Quarkus' Vert.x.
 */
@RegisterForProxy(targets = Vertx.class)
final class QuietConnections {

    private static final Logger LOG = Logger.getLogger(QuietConnections.class);

    private QuietConnections() {
    }

    /** {@code vertx}, its HTTP clients' connections logging their failures at DEBUG for {@code service}. */
    static Vertx of(Vertx vertx, String service) {
        return (Vertx) Proxy.newProxyInstance(Vertx.class.getClassLoader(), new Class<?>[] { Vertx.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("createHttpClient") && args != null && args.length == 1
                            && args[0] instanceof HttpClientOptions options) {
                        return vertx.httpClientBuilder().with(options).with(options.getPoolOptions())
                                .withConnectHandler(connection -> quiet(connection, service)).build();
                    }
                    try {
                        return method.invoke(vertx, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void quiet(HttpConnection connection, String service) {
        connection.exceptionHandler(failure -> LOG.debugf("A %s connection failed (%s); the request it carried "
                + "fails by itself, and is retried or answered", service, failure.toString()));
    }
}
