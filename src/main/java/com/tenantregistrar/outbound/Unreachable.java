package com.tenantregistrar.outbound;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import io.vertx.core.VertxException;

/** Whether an outbound call failed because the service did not answer: I/O, a time-out, a dropped connection. */
public final class Unreachable {

    private Unreachable() {
    }

    /** Whether {@code failure}, or any of its causes, is a failure to reach the service or to hear its answer. */
    public static boolean cause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t instanceof TimeoutException || t instanceof VertxException) {
                return true;
            }
        }
        return false;
    }
}
