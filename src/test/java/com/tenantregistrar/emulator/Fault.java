package com.tenantregistrar.emulator;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * A scripted misbehaviour of the emulated ARM or Partner Center, for the next {@code times} requests that match.
 *
 * @param method the HTTP method to match, or {@code *}
 * @param pathContains a piece of the request path to match (case-insensitive)
 * @param status the status to answer with; 0 answers normally (after {@code delay})
 * @param code the error code of the answer (ARM's error code; Partner Center's numeric or named code)
 * @param headers headers of the answer, such as {@code Retry-After}
 * @param delay how long to wait before answering
 * @param drop close the connection without answering
 * @param times how many matching requests it applies to; negative is all of them
 * @param until when not null, the answer waits until this completes (and then {@code delay})
 * @param body when not null, answered as it is with 200 (a malformed but successful answer)
 * @param reset reset the connection (a TCP RST, as a gateway or a crashed server sends) without answering
 */
public record Fault(String method, String pathContains, int status, String code, Map<String, String> headers,
        Duration delay, boolean drop, int times, CompletionStage<?> until, String body, boolean reset) {

    public Fault(String method, String pathContains, int status, String code, Map<String, String> headers,
            Duration delay, boolean drop, int times) {
        this(method, pathContains, status, code, headers, delay, drop, times, null, null, false);
    }

    /** Answers matching requests 200 with {@code json} instead of what the service would answer. */
    public static Fault answer(String method, String pathContains, String json, int times) {
        return new Fault(method, pathContains, 0, null, Map.of(), Duration.ZERO, false, times, null, json, false);
    }

    /** Resets the connection (TCP RST) in the middle of the request, without answering. */
    public static Fault reset(String method, String pathContains, int times) {
        return new Fault(method, pathContains, 0, null, Map.of(), Duration.ZERO, false, times, null, null, true);
    }

    /** Answers matching requests with {@code status} and the ARM error {@code code}. */
    public static Fault error(String method, String pathContains, int status, String code, int times) {
        return new Fault(method, pathContains, status, code, Map.of(), Duration.ZERO, false, times);
    }

    /** Answers 429 with {@code Retry-After: seconds}. */
    public static Fault throttle(String method, String pathContains, long seconds, int times) {
        return new Fault(method, pathContains, 429, "TooManyRequests", Map.of("Retry-After", Long.toString(seconds)),
                Duration.ZERO, false, times);
    }

    /** Closes the connection without answering. */
    public static Fault drop(String method, String pathContains, int times) {
        return new Fault(method, pathContains, 0, null, Map.of(), Duration.ZERO, true, times);
    }

    /** Answers normally, but only after {@code delay}. */
    public static Fault delay(String method, String pathContains, Duration delay, int times) {
        return new Fault(method, pathContains, 0, null, Map.of(), delay, false, times);
    }

    /**
     * Answers normally once {@code release} completes, so that a test can act while the request is under way
     * however slow the machine, then let it go on.
     */
    public static Fault hold(String method, String pathContains, CompletionStage<?> release, int times) {
        return new Fault(method, pathContains, 0, null, Map.of(), Duration.ZERO, false, times, release, null, false);
    }

    /** The same fault for {@code times} more requests. */
    Fault times(int times) {
        return new Fault(method, pathContains, status, code, headers, delay, drop, times, until, body, reset);
    }

    /**
     * Ends {@code request}'s connection as this fault says, if it says to: reset (the socket closed at once with
     * SO_LINGER 0, so that it sends an RST) or closed; answers whether it did.
     */
    boolean cut(HttpServerRequest request) {
        if (reset) {
            Channel channel = ((ConnectionBase) request.connection()).channel();
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            // Past the pipeline: TLS would say close_notify first, and the client would see a clean close.
            channel.unsafe().closeForcibly();
            return true;
        }
        if (drop) {
            request.connection().close();
            return true;
        }
        return false;
    }

    /** Runs {@code act} (the answer) when this fault lets it, on the request's own context. */
    void answer(Vertx vertx, Runnable act) {
        Context context = vertx.getOrCreateContext();
        Runnable delayed = delay.isZero() ? act : () -> vertx.setTimer(delay.toMillis(), id -> act.run());
        if (until == null) {
            delayed.run();
        } else {
            until.whenComplete((done, failure) -> context.runOnContext(ignored -> delayed.run()));
        }
    }

    boolean matches(String requestMethod, String path) {
        return ("*".equals(method) || method.equalsIgnoreCase(requestMethod))
                && path.toLowerCase(Locale.ROOT).contains(pathContains.toLowerCase(Locale.ROOT));
    }
}
