package com.tenantregistrar.drift;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.tenantregistrar.arm.CustomerSubscriptionsClient;
import com.tenantregistrar.arm.ArmWrite;
import com.tenantregistrar.arm.WritePacing;
import com.tenantregistrar.config.RegistrarConfig;
import com.tenantregistrar.correlation.CallContext;
import com.tenantregistrar.drift.DriftReport.Action;
import com.tenantregistrar.drift.DriftReport.Reason;
import com.tenantregistrar.drift.PlannedWrite.Kind;
import com.tenantregistrar.error.ErrorBody;
import com.tenantregistrar.error.RegistrarException;
import com.tenantregistrar.journal.Intent;
import com.tenantregistrar.registration.Guid;
import com.tenantregistrar.registration.Registration;
import com.tenantregistrar.registration.RegistrationCatalog;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Makes a plan's writes within the run's limits. Additions (registers: they only add billing) are made concurrently,
 * one stream of them per ARM subscription (ARM throttles each subscription's writes on its own), each in the plan's
 * order, at most REGISTRAR_ARM_MAX_CONCURRENCY at once there and under way in all; at most REGISTRAR_DRIFT_MAX_WRITES
 * of them in a run, a sanity cap. A reconcile run paces its writes to ARM's throttling ({@link WritePacer}): a 429
 * slows it down, it goes on; no write starts at or after the deadline. Destructive writes (replacements, rewrites,
 * removals) come after, one at a time: each only when the {@link RemovalPolicy} lets it, when a GET of the entry
 * right before it still shows the tenant the decision was made on (else it is {@code skipped}, {@code changed}: the
 * run's view may be minutes old), and with a slot of the {@link RemovalBudget}, taken last so that nothing held spends
 * one. A transient ARM failure that pacing does not answer (5xx, a timeout, no token; a 429 of an unpaced write)
 * stops the run's writes: deepening an outage helps nobody. What is not tried is reported {@code skipped} with the
 * reason, and is a failure of the run; what the plan, the policy or the budget holds is reported {@code held}, by
 * design.
 */
@ApplicationScoped
public class ReconcileExecutor {

    private final CustomerSubscriptionsClient client;
    private final RegistrationCatalog catalog;
    private final int maxWrites;
    private final int concurrency;
    private final Duration grace;
    private final boolean removalsAllowed;

    @Inject
    public ReconcileExecutor(CustomerSubscriptionsClient client, RegistrationCatalog catalog, RegistrarConfig config) {
        this.client = client;
        this.catalog = catalog;
        this.maxWrites = config.drift().maxWrites();
        this.concurrency = config.arm().maxConcurrency();
        this.grace = config.drift().removalGrace();
        this.removalsAllowed = config.drift().maxRemovals() > 0;
    }

    /**
     * What a run's destructive writes are decided on.
     *
     * @param slots the run's share of the removal budget
     * @param registeredTenant (registration alias, customer subscription) to the tenant the run saw there, which a
     *        write must still find and which its journal record names as the one replaced or removed
     * @param basis what the removal policy weighs the run's view by
     * @param memory since when each entry has been as the run saw it
     */
    public record Proof(RemovalBudget.Slots slots, BiFunction<String, String, String> registeredTenant,
            RemovalPolicy.Basis basis, DriftMemory.Remembered memory) {

        /** For runs that make no destructive write (the webhook's additions). */
        static final Proof NONE = new Proof(RemovalBudget.NONE, (registration, subscription) -> null,
                RemovalPolicy.Basis.MANIFEST, DriftMemory.Remembered.NOTHING);
    }

    /**
     * What a run did.
     *
     * @param actions one per planned write, in the plan's order
     * @param failures the failed writes' failures, and the write cap, the deadline or the throttling when it
     *        skipped writes
     */
    public record Execution(List<Action> actions, List<RegistrarException> failures) {

        /** A run that writes nothing. */
        public static final Execution NONE = new Execution(List.of(), List.of());
    }

    /**
     * Makes the additions of {@code plan} that the limits allow, starting none at or after {@code deadline}, for
     * {@code call} (whose trigger and correlation ID each write is sent and journaled with). A throttled write is
     * not waited out: the call it serves (a webhook event) has seconds, not minutes.
     */
    public Mono<Execution> execute(List<PlannedWrite> plan, Instant deadline, CallContext call) {
        return execute(plan, deadline, Proof.NONE, WritePacing.NONE, call);
    }

    /**
     * Makes the writes of {@code plan} that the limits allow, paced to ARM's throttling, starting none at or after
     * {@code deadline}; each destructive one only as {@code proof} allows, journaled with the tenant it replaces or
     * removes; for {@code call}.
     */
    public Mono<Execution> execute(List<PlannedWrite> plan, Instant deadline, Proof proof, CallContext call) {
        return execute(plan, deadline, proof, new WritePacer(deadline, call, concurrency), call);
    }

    private Mono<Execution> execute(List<PlannedWrite> plan, Instant deadline, Proof proof, WritePacing pacing,
            CallContext call) {
        return Mono.defer(() -> {
            Run run = new Run(deadline, proof, pacing, call);
            return run.all(plan).map(actions -> new Execution(actions, run.failures(actions)));
        });
    }

    /** The state of one execution, which its concurrent additions share. */
    private final class Run {

        private final Instant deadline;
        private final Proof proof;
        private final RemovalBudget.Slots slots;
        private final WritePacing pacing;
        /** The run's call, passed to each write: taking a budget slot goes through storage on another thread. */
        private final CallContext call;
        private final List<RegistrarException> failures = Collections.synchronizedList(new ArrayList<>());
        /**
         * Set by the first transient failure that pacing did not answer (a 429 of an unpaced write, 5xx, a
         * timeout, no token): why no write starts after it.
         */
        private volatile Reason stopped;

        Run(Instant deadline, Proof proof, WritePacing pacing, CallContext call) {
            this.call = call;
            this.deadline = deadline;
            this.proof = proof;
            this.slots = proof.slots();
            this.pacing = pacing;
        }

        /** Every write's action, in the plan's order: the additions concurrently, then the rest one at a time. */
        Mono<List<Action>> all(List<PlannedWrite> plan) {
            AtomicReferenceArray<Action> actions = new AtomicReferenceArray<>(plan.size());
            Map<String, List<Integer>> additions = new LinkedHashMap<>();
            List<Integer> destructive = new ArrayList<>();
            int capped = 0;
            for (int i = 0; i < plan.size(); i++) {
                PlannedWrite write = plan.get(i);
                if (write.held()) {
                    actions.set(i, action(write, "held", write.hold(), null));
                } else if (write.kind().destructive()) {
                    destructive.add(i);
                } else if (capped++ < maxWrites) {
                    additions.computeIfAbsent(catalog.byAlias(write.registration()).armSubscription(),
                            subscription -> new ArrayList<>()).add(i);
                } else {
                    actions.set(i, action(write, "skipped", Reason.WRITE_CAP, null));
                }
            }
            Flux<Action> adding = Flux.fromIterable(additions.values()).flatMap(lane -> Flux.fromIterable(lane)
                    .flatMap(i -> add(plan.get(i)).doOnNext(done -> actions.set(i, done)), concurrency),
                    Math.max(1, additions.size()));
            Flux<Action> changing = Flux.fromIterable(destructive)
                    .concatMap(i -> step(plan.get(i)).doOnNext(done -> actions.set(i, done)));
            return adding.thenMany(changing).then(Mono.fromSupplier(() -> {
                List<Action> all = new ArrayList<>(plan.size());
                for (int i = 0; i < plan.size(); i++) {
                    all.add(actions.get(i));
                }
                return List.copyOf(all);
            }));
        }

        /** An addition, unless a transient failure stopped the run. */
        private Mono<Action> add(PlannedWrite write) {
            if (stopped != null) {
                return Mono.just(action(write, "skipped", stopped, null));
            }
            return make(write);
        }

        private Mono<Action> step(PlannedWrite write) {
            if (stopped != null) {
                return Mono.just(action(write, "skipped", stopped, null));
            }
            if (!Instant.now().isBefore(deadline)) {
                return Mono.just(action(write, "skipped", Reason.DEADLINE, null));
            }
            if (!removalsAllowed) {
                // REGISTRAR_DRIFT_MAX_REMOVALS=0, the default: the operator allowed none, whatever the proof.
                return Mono.just(action(write, "held", Reason.REMOVAL_BUDGET, null));
            }
            List<String> affected = affected(write);
            Optional<Reason> held = affected.stream().map(subscription -> RemovalPolicy.hold(proof.basis(),
                    proof.memory().unexpectedSince(write.registration(), subscription), grace, Instant.now()))
                    .flatMap(Optional::stream).findFirst();
            if (held.isPresent()) {
                return Mono.just(action(write, "held", held.get(), null));
            }
            return Flux.fromIterable(affected).concatMap(subscription -> confirmed(write.registration(), subscription))
                    .all(Boolean::booleanValue)
                    .flatMap(still -> !still ? Mono.just(action(write, "skipped", Reason.CHANGED, null))
                            : slots.take().flatMap(taken -> taken ? make(write)
                                    : Mono.just(action(write, "held", Reason.REMOVAL_BUDGET, null))))
                    .onErrorResume(RegistrarException.class, failure -> Mono.just(failed(write, failure)));
        }

        /**
         * The registered entries whose billing the destructive write ends or moves: the entry removed or rewritten,
         * and the one its PUT unmaps.
         */
        private static List<String> affected(PlannedWrite write) {
            List<String> affected = new ArrayList<>();
            if (write.kind() != Kind.REPLACE) {
                affected.add(write.customerSubscriptionId());
            }
            if (write.replacedSubscriptionId() != null) {
                affected.add(write.replacedSubscriptionId());
            }
            return affected;
        }

        /** Whether ARM still holds the entry with the tenant the run decided on: read right before the write. */
        private Mono<Boolean> confirmed(String registration, String subscription) {
            call.install();
            String decidedOn = proof.registeredTenant().apply(registration, subscription);
            return client.tenantOf(catalog.byAlias(registration), new Guid(subscription))
                    .map(now -> now.isPresent() && now.get().equals(decidedOn));
        }

        private Mono<Action> make(PlannedWrite write) {
            return Mono.defer(() -> {
                call.install();
                return call(write).map(status -> action(write, status, null, null))
                        .onErrorResume(WritePacer.NoTurn.class,
                                noTurn -> Mono.just(action(write, "skipped", noTurn.reason(), null)))
                        .onErrorResume(RegistrarException.class, failure -> Mono.just(failed(write, failure)));
            });
        }

        /** A failed read or write: a failure of the run, and the last write of it when ARM may be failing. */
        private Action failed(PlannedWrite write, RegistrarException failure) {
            failures.add(failure);
            if (failure.isTransient()) {
                stopped = failure.status() == 429 ? Reason.THROTTLED : Reason.UPSTREAM_FAILURE;
            }
            return action(write, "failed", null, ErrorBody.of(failure));
        }

        private Mono<String> call(PlannedWrite write) {
            Registration registration = catalog.byAlias(write.registration());
            Guid subscription = new Guid(write.customerSubscriptionId());
            String before = proof.registeredTenant().apply(write.registration(), write.customerSubscriptionId());
            return switch (write.kind()) {
                case REGISTER -> client.put(registration, subscription, new Guid(write.tenantId()), Intent.REGISTER,
                        call, pacing).map(ArmWrite::status);
                case REPLACE -> client.put(registration, subscription, new Guid(write.tenantId()),
                        Intent.replace(write.replacedSubscriptionId()), call, pacing).map(ArmWrite::status);
                case REWRITE -> client.put(registration, subscription, new Guid(write.tenantId()),
                        Intent.rewrite(before, write.replacedSubscriptionId()), call, pacing).map(ArmWrite::status);
                case REMOVE -> client.delete(registration, subscription, Intent.remove(before), call, pacing)
                        .map(ArmWrite::status);
            };
        }

        /** The write failures, and the cap, the deadline or the throttling as a failure of its own when it skipped. */
        List<RegistrarException> failures(List<Action> actions) {
            List<RegistrarException> all = new ArrayList<>(failures);
            slots.failure().ifPresent(all::add);
            long capped = skipped(actions, Reason.WRITE_CAP);
            long late = skipped(actions, Reason.DEADLINE);
            long throttled = skipped(actions, Reason.THROTTLED);
            if (capped > 0) {
                all.add(new RegistrarException(503, "DriftWriteCapReached", "This run made the " + maxWrites
                        + " additions REGISTRAR_DRIFT_MAX_WRITES allows and skipped " + capped + " more; the next "
                        + "run continues. If this recurs, raise REGISTRAR_DRIFT_MAX_WRITES."));
            }
            if (late > 0) {
                all.add(new RegistrarException(504, "DriftDeadlineReached", "This run reached "
                        + "REGISTRAR_DRIFT_DEADLINE and skipped " + late + " writes; the next run makes them first."));
            }
            if (throttled > 0) {
                all.add(new RegistrarException(429, "Throttled", "ARM throttled this run's writes (429) until after "
                        + "REGISTRAR_DRIFT_DEADLINE: " + throttled + " skipped; the next run makes them first."));
            }
            return List.copyOf(all);
        }

        private static long skipped(List<Action> actions, Reason reason) {
            return actions.stream().filter(a -> "skipped".equals(a.status()) && a.reason() == reason).count();
        }
    }

    private static Action action(PlannedWrite write, String status, Reason reason, ErrorBody error) {
        return new Action(write.kind().action(), write.registration(), write.customerSubscriptionId(), status, reason,
                error, write.replacedSubscriptionId());
    }
}
