package com.tenantregistrar.correlation;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.tenantregistrar.telemetry.MetricNames;

import io.opentelemetry.api.trace.Span;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every request its {@link CallContext} before any function sees it: the caller's
 * {@code x-ms-correlation-request-id} when it sent a sound one, else a new one; the same ID goes back in the
 * answer's {@code x-ms-correlation-request-id} header, so an operator can find the call's log lines and ARM's. Who
 * called is {@link Callers}' to say.
 */
@ApplicationScoped
public class CorrelationRoute {

    /** The header ARM uses for the same purpose, so one ID reaches from the caller through ARM's logs. */
    public static final String HEADER = "x-ms-correlation-request-id";

    /** A caller's ID goes into log lines: only a plain token is taken as it is. */
    private static final Pattern SOUND_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    /** Functions that are not HTTP functions: the host's timer invocation, and Partner Center's deliveries. */
    private static final Map<String, String> TRIGGERS = Map.of("driftCheck", "timer",
            "partnerCenterWebhook", "webhook");

    private final Callers callers;

    @Inject
    public CorrelationRoute(Callers callers) {
        this.callers = callers;
    }

    void register(@Observes Router router) {
        // Before every other route of the app, the functions, the webhook and swagger.json included.
        router.route().order(-1000).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String function = firstSegment(ctx.request().path());
        String callerId = ctx.request().getHeader(HEADER);
        String id = callerId != null && SOUND_ID.matcher(callerId.trim()).matches() ? callerId.trim()
                : UUID.randomUUID().toString();
        String trigger = TRIGGERS.getOrDefault(function, "function");
        new CallContext(id, trigger, callers.of(trigger, ctx.request().headers()), function).install();
        // The request's span (the Vert.x server instrumentation's): its telemetry finds the call's log lines.
        Span.current().setAttribute(MetricNames.CORRELATION_ID, id).setAttribute(MetricNames.FUNCTION, function)
                .setAttribute(MetricNames.TRIGGER, trigger);
        ctx.response().putHeader(HEADER, id);
        ctx.next();
    }

    private static String firstSegment(String path) {
        String trimmed = path == null ? "" : path.replaceFirst("^/+", "");
        int slash = trimmed.indexOf('/');
        String segment = slash < 0 ? trimmed : trimmed.substring(0, slash);
        return segment.isEmpty() ? "-" : segment;
    }
}
