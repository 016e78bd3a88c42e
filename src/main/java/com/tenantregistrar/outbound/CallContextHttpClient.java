package com.tenantregistrar.outbound;

import org.jboss.logging.Logger;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.tenantregistrar.correlation.CallContext;
import com.tenantregistrar.correlation.CorrelationRoute;

import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

/**
 * azure-core-http-vertx's client, each request sent from a Vert.x context of its own that carries the call's
 * context ({@link CallContext}: correlation ID, trigger, caller, function) in the log's MDC, so that every line logged while the service answers (a retry's warning included,
 * which azure-core's retry sends from another thread) names its call. The ID is the azure-core context's
 * {@link #CORRELATION_ID} when the caller put it there, else the request's {@code x-ms-correlation-request-id}
 * (ARM's), else the current call's.
 * <p>
 * Those contexts share one root context of the client's own, whose exception handler takes the one known defect of
 * azure-core-http-vertx (1.1.3, and 1.1.4 alike): when a connection drops, it fails the request's promise twice,
 * and the second attempt throws {@code IllegalStateException: Result is already complete} into Vert.x. The first
 * failure has already reached the call, and is logged and answered there; the second is logged at DEBUG. Its answers
 * are closed by {@link DrainOnClose}, which avoids the client's other defect.
 * <p>
 * A request without a body is sent with {@code Content-Length: 0}: azure-core-http-vertx sends any request that
 * lacks the header chunked, so a GET would otherwise go with {@code Transfer-Encoding: chunked} and an empty chunked
 * body, a GET with a body, which RFC 9110 leaves undefined and which gateways may refuse.
 */
public final class CallContextHttpClient implements HttpClient {

    /** Key of the azure-core {@link Context} entry that holds the app's correlation ID of a request. */
    public static final String CORRELATION_ID = CallContext.CORRELATION_ID;

    private static final Logger LOG = Logger.getLogger(CallContextHttpClient.class);
    private static final HttpHeaderName CORRELATION = HttpHeaderName.fromString(CorrelationRoute.HEADER);

    private final HttpClient delegate;
    private final String service;
    private final io.vertx.core.Context root;

    /**
     * @param delegate the Vert.x client
     * @param service who is called, for the log ({@code ARM}, {@code Partner Center})
     */
    public CallContextHttpClient(HttpClient delegate, String service, Vertx vertx) {
        this.delegate = delegate;
        this.service = service;
        this.root = ((VertxInternal) vertx).createEventLoopContext();
        this.root.exceptionHandler(this::uncaught);
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return send(request, Context.NONE);
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request, Context context) {
        if (request.getBodyAsBinaryData() == null && request.getHeaders().get(HttpHeaderName.CONTENT_LENGTH) == null) {
            request.setHeader(HttpHeaderName.CONTENT_LENGTH, "0");
        }
        return Mono.create(sink -> {
            CallContext caller = CallContext.current();
            String correlationId = context.getData(CORRELATION_ID).map(String::valueOf)
                    .orElseGet(() -> {
                        String header = request.getHeaders().getValue(CORRELATION);
                        return header != null ? header : caller.correlationId();
                    });
            Disposable.Swap inner = Disposables.swap();
            sink.onDispose(inner);
            VertxContext.createNewDuplicatedContext(root).runOnContext(ignored -> {
                if (inner.isDisposed()) {
                    // The call gave up (its timeout) before this try was sent: it must not reach ARM.
                    return;
                }
                // The whole context, not the ID alone: what the call does once answered (a drift run's writes after
                // its reads) is still the caller's, and its log lines and journal records say what triggered it and who
                // called.
                new CallContext(correlationId, caller.trigger(), caller.caller(), caller.function()).install();
                inner.update(delegate.send(request, context).map(DrainOnClose::new)
                        .subscribe(sink::success, sink::error));
            });
        });
    }

    private void uncaught(Throwable failure) {
        if (failure instanceof IllegalStateException && "Result is already complete".equals(failure.getMessage())) {
            LOG.debugf("A dropped %s connection failed its request twice (azure-core-http-vertx); the first failure "
                    + "was handled", service);
        } else {
            LOG.errorf(failure, "Unexpected failure while calling %s", service);
        }
    }
}
