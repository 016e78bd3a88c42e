package com.tenantregistrar.error;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers every failed request with {@code {"error": {"code", "message"}}} and the right status. Funqy hands
 * every exception, and every request it cannot read, to the router's failure handlers: this is the one place
 * where they become HTTP answers.
 */
@ApplicationScoped
public class ErrorEnvelopeHandler {

    private static final Logger LOG = Logger.getLogger(ErrorEnvelopeHandler.class);

    private final ObjectMapper mapper;

    @Inject
    public ErrorEnvelopeHandler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void register(@Observes Router router) {
        router.route().failureHandler(this::handle);
    }

    void handle(RoutingContext context) {
        HttpServerResponse response = context.response();
        if (response.headWritten()) {
            response.close();
            return;
        }
        RegistrarException failure = describe(context);
        log(context, failure);
        response.setStatusCode(failure.status()).putHeader("Content-Type", "application/json");
        failure.retryAfter().ifPresent(delay ->
                response.putHeader("Retry-After", Long.toString(Math.max(1, delay.toSeconds()))));
        response.end(body(failure));
    }

    /**
     * One line per failed answer, without a stack trace: WARN for a caller's mistake and for an upstream failure
     * (already logged where ARM answered it), ERROR for a 500, which needs the operator. A defect is logged with its
     * stack trace in {@link #describe}.
     */
    private static void log(RoutingContext context, RegistrarException failure) {
        Logger.Level level = failure.status() == 500 ? Logger.Level.ERROR : Logger.Level.WARN;
        LOG.logf(level, "%s %s answered %d %s: %s", context.request().method(), context.request().path(),
                failure.status(), failure.code(), failure.getMessage());
    }

    private RegistrarException describe(RoutingContext context) {
        for (Throwable t = context.failure(); t != null; t = t.getCause()) {
            if (t instanceof RegistrarException known) {
                return known;
            }
        }
        if (context.failure() != null) {
            LOG.errorf(context.failure(), "Unexpected failure of %s %s", context.request().method(),
                    context.request().path());
            return new RegistrarException(500, "InternalError",
                    "The app failed unexpectedly; the failure is in its log. Nothing is known to have changed.");
        }
        String path = context.request().path();
        return switch (context.statusCode()) {
            case 400 -> new InvalidRequestException("The request body is not valid JSON for " + path
                    + ", or a field has the wrong type (IDs are strings, 'registrations' is a list of strings).");
            case 404 -> new RegistrarException(404, "NotFound", "There is no function at " + path + ".");
            case 405 -> new RegistrarException(405, "MethodNotAllowed",
                    path + " accepts POST (and GET for listRegisteredCustomers).");
            case 413 -> new RegistrarException(413, "RequestTooLarge",
                    "The request body is larger than 64 KiB; a request names one customer.");
            default -> new RegistrarException(context.statusCode() < 400 ? 500 : context.statusCode(),
                    "RequestFailed", "The request failed with status " + context.statusCode() + ".");
        };
    }

    private String body(RegistrarException failure) {
        try {
            ObjectNode body = failure.result()
                    .map(result -> (ObjectNode) mapper.valueToTree(result))
                    .orElseGet(mapper::createObjectNode);
            ObjectNode envelope = mapper.createObjectNode();
            envelope.putPOJO("error", ErrorBody.of(failure));
            envelope.setAll(body);
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.error("Could not write an error answer", e);
            return "{\"error\":{\"code\":\"InternalError\",\"message\":\"The app failed unexpectedly.\"}}";
        }
    }
}
