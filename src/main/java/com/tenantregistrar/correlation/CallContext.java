package com.tenantregistrar.correlation;

import java.util.UUID;

import org.jboss.logging.MDC;

/**
 * What caused the work under way, as the log's MDC holds it for the request being served: its correlation ID (the
 * caller's {@code x-ms-correlation-request-id}, or a new one), what triggered it ({@code function}, {@code timer}
 * or {@code webhook}), who called ({@link Callers}) and the function's name. Every log line of a call carries the
 * correlation ID, and every ARM request of the call sends it to ARM.
 *
 * @param correlationId the ID that ties the caller's request, the app's log lines and ARM's own logs together
 * @param trigger {@code function} (an HTTP function), {@code timer} or {@code webhook}
 * @param caller who called: the principal App Service Authentication vouches for, else {@code functionKey},
 *        {@code timer} or {@code webhook} ({@link Callers})
 * @param function the function's name, e.g. {@code registerCustomer}
 */
public record CallContext(String correlationId, String trigger, String caller, String function) {

    /** MDC key of the correlation ID; the console log format prints it. */
    public static final String CORRELATION_ID = "correlationId";
    static final String TRIGGER = "trigger";
    static final String CALLER = "caller";
    static final String FUNCTION = "function";

    /**
     * The context of the request being served on this thread or Vert.x context; outside any request (start-up, a
     * background task), a new correlation ID with the trigger {@code internal}.
     */
    public static CallContext current() {
        Object id = MDC.get(CORRELATION_ID);
        if (id == null) {
            return new CallContext(UUID.randomUUID().toString(), "internal", "internal", "-");
        }
        return new CallContext(id.toString(), String.valueOf(MDC.get(TRIGGER)), String.valueOf(MDC.get(CALLER)),
                String.valueOf(MDC.get(FUNCTION)));
    }

    /** Makes this the context of the log lines written from here on, on this thread or Vert.x context. */
    public void install() {
        MDC.put(CORRELATION_ID, correlationId);
        MDC.put(TRIGGER, trigger);
        MDC.put(CALLER, caller);
        MDC.put(FUNCTION, function);
    }

    /**
     * Runs {@code action} (a log statement) with this context in the MDC, then puts back what was there: reactive
     * callbacks may run on a thread that serves no request, or another one.
     */
    public void run(Runnable action) {
        Object id = MDC.get(CORRELATION_ID);
        Object trigger = MDC.get(TRIGGER);
        Object caller = MDC.get(CALLER);
        Object function = MDC.get(FUNCTION);
        install();
        try {
            action.run();
        } finally {
            restore(CORRELATION_ID, id);
            restore(TRIGGER, trigger);
            restore(CALLER, caller);
            restore(FUNCTION, function);
        }
    }

    private static void restore(String key, Object value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
