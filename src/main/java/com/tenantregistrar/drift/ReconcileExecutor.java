package com.tenantregistrar.drift;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.tenantregistrar.arm.CustomerSubscriptionsClient;
import com.tenantregistrar.arm.ArmWrite;
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
 * Makes a plan's writes, one at a time, within the run's limits: at most REGISTRAR_DRIFT_MAX_WRITES writes, none
 * started after the deadline, and none after the first throttled or transient ARM answer (writing on would only
 * deepen the throttling). A destructive write (removal, tenant rewrite) is made only when the {@link RemovalPolicy}
 * lets it, when a GET of the entry right before it still shows the tenant the decision was made on (else it is
 * {@code skipped}, {@code changed}: the run's view may be minutes old), and with a slot of the
 * {@link RemovalBudget}, taken last so that nothing held spends one. What is not tried is reported {@code skipped}
 * with the reason, and is a failure of the run; what the plan, the policy or the budget holds is reported
 * {@code held}, by design. One at a time keeps the run gentle on ARM's write limits and makes "stop at the first
 * throttled answer" exact.
 */
@ApplicationScoped
public class ReconcileExecutor {

    private final CustomerSubscriptionsClient client;
    private final RegistrationCatalog catalog;
    private final int maxWrites;
    private final Duration grace;
    private final boolean removalsAllowed;

    @Inject
    public ReconcileExecutor(CustomerSubscriptionsClient client, RegistrationCatalog catalog, RegistrarConfig config) {
        this.client = client;
        this.catalog = catalog;
        this.maxWrites = config.drift().maxWrites();
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
     * @param failures the failed writes' failures, and the write cap or deadline when either stopped the run
     */
    public record Execution(List<Action> actions, List<RegistrarException> failures) {

        /** A run that writes nothing. */
        public static final Execution NONE = new Execution(List.of(), List.of());
    }

    /**
     * Makes the additions of {@code plan} that the limits allow, starting none at or after {@code deadline}, for
     * {@code call} (whose trigger and correlation ID each write is sent and journaled with).
     */
    public Mono<Execution> execute(List<PlannedWrite> plan, Instant deadline, CallContext call) {
        return execute(plan, deadline, Proof.NONE, call);
    }

    /**
     * Makes the writes of {@code plan} that the limits allow, starting none at or after {@code deadline}; each
     * destructive one only as {@code proof} allows, journaled with the tenant it replaces or removes; for
     * {@code call}.
     */
    public Mono<Execution> execute(List<PlannedWrite> plan, Instant deadline, Proof proof, CallContext call) {
        return Mono.defer(() -> {
            Run run = new Run(deadline, proof, call);
            return Flux.fromIterable(plan).concatMap(run::step).collectList()
                    .map(actions -> new Execution(List.copyOf(actions), run.failures(actions)));
        });
    }

    /** The state of one execution; {@code concatMap} calls {@link #step} one write after the other. */
    private final class Run {

        private final Instant deadline;
        private final Proof proof;
        private final RemovalBudget.Slots slots;
        /** The run's call, passed to each write: taking a budget slot goes through storage on another thread. */
        private final CallContext call;
        private final List<RegistrarException> failures = new ArrayList<>();
        private int writes;
        private Reason stopped;

        Run(Instant deadline, Proof proof, CallContext call) {
            this.call = call;
            this.deadline = deadline;
            this.proof = proof;
            this.slots = proof.slots();
        }

        Mono<Action> step(PlannedWrite write) {
            if (write.held()) {
                return Mono.just(action(write, "held", write.hold(), null));
            }
            if (stopped == null && writes >= maxWrites) {
                stopped = Reason.WRITE_CAP;
            } else if (stopped == null && !Instant.now().isBefore(deadline)) {
                stopped = Reason.DEADLINE;
            }
            if (stopped != null) {
                return Mono.just(action(write, "skipped", stopped, null));
            }
            if (!write.kind().destructive()) {
                return make(write);
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
            call.install();
            writes++;
            return call(write).map(status -> action(write, status, null, null))
                    .onErrorResume(RegistrarException.class, failure -> Mono.just(failed(write, failure)));
        }

        /** A failed read or write: a failure of the run, and the last write of it when ARM may be throttling. */
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
                        call).map(ArmWrite::status);
                case REPLACE -> client.put(registration, subscription, new Guid(write.tenantId()),
                        Intent.replace(write.replacedSubscriptionId()), call).map(ArmWrite::status);
                case REWRITE -> client.put(registration, subscription, new Guid(write.tenantId()),
                        Intent.rewrite(before, write.replacedSubscriptionId()), call).map(ArmWrite::status);
                case REMOVE -> client.delete(registration, subscription, Intent.remove(before), call)
                        .map(ArmWrite::status);
            };
        }

        /** The write failures, and the cap or deadline as a failure of its own when it stopped the run. */
        List<RegistrarException> failures(List<Action> actions) {
            long skipped = actions.stream().filter(a -> "skipped".equals(a.status())).count();
            List<RegistrarException> all = new ArrayList<>(failures);
            slots.failure().ifPresent(all::add);
            if (stopped == Reason.WRITE_CAP) {
                all.add(new RegistrarException(503, "DriftWriteCapReached", "This run made the "
                        + maxWrites + " writes REGISTRAR_DRIFT_MAX_WRITES allows and skipped " + skipped
                        + " more; the next run continues. If this recurs, raise REGISTRAR_DRIFT_MAX_WRITES."));
            } else if (stopped == Reason.DEADLINE) {
                all.add(new RegistrarException(504, "DriftDeadlineReached", "This run reached "
                        + "REGISTRAR_DRIFT_DEADLINE and skipped " + skipped + " writes; the next run continues."));
            }
            return List.copyOf(all);
        }
    }

    private static Action action(PlannedWrite write, String status, Reason reason, ErrorBody error) {
        return new Action(write.kind().action(), write.registration(), write.customerSubscriptionId(), status, reason,
                error, write.replacedSubscriptionId());
    }
}
