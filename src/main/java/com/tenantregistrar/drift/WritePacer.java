package com.tenantregistrar.drift;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import com.tenantregistrar.arm.ArmWrite;
import com.tenantregistrar.arm.WritePacing;
import com.tenantregistrar.correlation.CallContext;
import com.tenantregistrar.drift.DriftReport.Reason;
import com.tenantregistrar.error.ArmException;
import com.tenantregistrar.registration.Registration;

import reactor.core.publisher.Mono;

/**
 * Paces one reconcile run's writes to ARM's throttling, per ARM subscription (ARM keeps a bucket of write tokens per
 * subscription). Its writes go on the ARM pipeline that leaves a 429 to it: a throttled write pauses its subscription
 * for ARM's {@code Retry-After}, and every write there waits until the pause ends, then is tried (again), so the run
 * slows down and goes on. At most {@code concurrency} requests are under way at once ({@link Turns}); a write waiting
 * out a pause holds no turn, so the other subscriptions' writes go on meanwhile. No attempt starts at or after the
 * run's deadline: a write that the deadline, or a pause that reaches past it, leaves no turn fails with
 * {@link NoTurn}, which says why and is not ARM's failure (nothing was written, and the next run makes it first).
 */
final class WritePacer implements WritePacing {

    private static final Logger LOG = Logger.getLogger(WritePacer.class);
    /** ARM always says when to come back; should an answer not, a second is what its buckets refill in. */
    private static final Duration UNSAID = Duration.ofSeconds(1);

    private final Instant deadline;
    private final CallContext call;
    private final Turns turns;
    private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** A write that had no turn before the deadline: {@link Reason#DEADLINE} or {@link Reason#THROTTLED}. */
    static final class NoTurn extends RuntimeException {

        private final Reason reason;

        NoTurn(Reason reason) {
            super(reason.toString(), null, false, false);
            this.reason = reason;
        }

        Reason reason() {
            return reason;
        }
    }

    /**
     * @param deadline when the run starts no more attempts
     * @param call the run's call, whose context a write tried again after a pause goes on in
     * @param concurrency the most requests under way at once (REGISTRAR_ARM_MAX_CONCURRENCY)
     */
    WritePacer(Instant deadline, CallContext call, int concurrency) {
        this.deadline = deadline;
        this.call = call;
        this.turns = new Turns(concurrency);
    }

    @Override
    public Mono<ArmWrite> pace(Registration registration, Mono<ArmWrite> attempt) {
        String subscription = registration.armSubscription();
        return Mono.defer(() -> {
            call.install();
            Instant now = Instant.now();
            Instant paused = pausedUntil.get(subscription);
            Optional<Reason> noTurn = noTurn(paused, now, deadline);
            if (noTurn.isPresent()) {
                return Mono.error(new NoTurn(noTurn.get()));
            }
            Duration wait = waitBefore(paused, now);
            if (!wait.isZero()) {
                // The pause may have grown meanwhile: decide again when it ends.
                return Mono.delay(wait).then(pace(registration, attempt));
            }
            return turns.in(Mono.defer(() -> {
                call.install();
                // While this write waited its turn, the subscription may have been paused or the deadline come.
                Instant at = Instant.now();
                Instant pausedNow = pausedUntil.get(subscription);
                if (noTurn(pausedNow, at, deadline).isPresent() || !waitBefore(pausedNow, at).isZero()) {
                    return Mono.just(Optional.<ArmWrite>empty());
                }
                return attempt.map(Optional::of).onErrorResume(WritePacer::throttled, throttled -> {
                    pause(subscription, ((ArmException) throttled).retryAfter().orElse(UNSAID));
                    return Mono.just(Optional.empty());
                });
            })).flatMap(made -> made.isPresent() ? Mono.just(made.get()) : pace(registration, attempt));
        });
    }

    /** Why a write has no turn at {@code now}: the deadline has come, or the pause ends at or after it; or none. */
    static Optional<Reason> noTurn(Instant pausedUntil, Instant now, Instant deadline) {
        if (!now.isBefore(deadline)) {
            return Optional.of(Reason.DEADLINE);
        }
        return pausedUntil != null && !pausedUntil.isBefore(deadline) ? Optional.of(Reason.THROTTLED)
                : Optional.empty();
    }

    /** How long a write with a turn waits before its attempt: until the subscription's pause ends, if it is paused. */
    static Duration waitBefore(Instant pausedUntil, Instant now) {
        return pausedUntil == null || !pausedUntil.isAfter(now) ? Duration.ZERO : Duration.between(now, pausedUntil);
    }

    /** The pause after a 429 that said {@code retryAfter} at {@code now}: never shorter than one already set. */
    static Instant pausedUntil(Instant current, Instant now, Duration retryAfter) {
        Instant until = now.plus(retryAfter);
        return current != null && current.isAfter(until) ? current : until;
    }

    private void pause(String subscription, Duration retryAfter) {
        Instant now = Instant.now();
        Instant before = pausedUntil.get(subscription);
        Instant until = pausedUntil.merge(subscription, now.plus(retryAfter),
                (current, proposed) -> pausedUntil(current, now, retryAfter));
        if (before == null || !before.isAfter(now)) {
            // One WARN a subscription and run, not one a write nor a pause: an onboarding run meets hundreds.
            Logger.Level level = warned.add(subscription) ? Logger.Level.WARN : Logger.Level.DEBUG;
            call.run(() -> LOG.logf(level, "ARM throttles the writes to subscription %s (429): this run's writes "
                    + "there wait %d ms (Retry-After) and go on, and so on each time ARM asks", subscription,
                    Duration.between(now, until).toMillis()));
        }
    }

    private static boolean throttled(Throwable failure) {
        return failure instanceof ArmException arm && arm.status() == 429;
    }
}
