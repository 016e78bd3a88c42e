package com.tenantregistrar.drift;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.tenantregistrar.config.RegistrarConfig;
import com.tenantregistrar.config.RegistrarConfig.DriftMode;
import com.tenantregistrar.correlation.CallContext;
import com.tenantregistrar.drift.ReconcileExecutor.Execution;
import com.tenantregistrar.error.RegistrarException;
import com.tenantregistrar.journal.ChangeJournal;
import com.tenantregistrar.partnercenter.PartnerCenterDirectory;
import com.tenantregistrar.partnercenter.PartnerCenterSnapshot;
import com.tenantregistrar.partnercenter.PartnerCenterWalk;
import com.tenantregistrar.registration.RegistrationCatalog;
import com.tenantregistrar.telemetry.RegistrarMetrics;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import reactor.core.publisher.Mono;

/**
 * Runs drift checks: reads every registration and, when it is a source, Partner Center, compares them with the
 * desired state ({@link DesiredState}, {@link DriftComparison}) and, on
 * the timer in reconcile mode, repairs the drift ({@link ReconcilePlan}, {@link ReconcileExecutor}). Each run has
 * a deadline (REGISTRAR_DRIFT_DEADLINE); scheduled runs never overlap in this instance. Every run remembers since
 * when each customer has been missing, and each entry unexpected ({@link DriftMemory}), which the
 * {@link RemovalPolicy} weighs; each scheduled run also deletes the change journal's expired months. Each run's
 * figures and outcome become metrics ({@link RegistrarMetrics}).
 */
@ApplicationScoped
public class DriftChecker {

    private static final Logger LOG = Logger.getLogger(DriftChecker.class);

    private final RegistrationReader reader;
    private final RegistrationCatalog catalog;
    private final DesiredStateLoader loader;
    private final PartnerCenterDirectory partnerCenter;
    private final PartnerCenterWalk partnerCenterWalk;
    private final ReconcileExecutor executor;
    private final RemovalBudget budget;
    private final DriftMemory memory;
    private final ChangeJournal journal;
    private final RegistrarMetrics metrics;
    private final Vertx vertx;
    private final RegistrarConfig.Drift settings;
    private final Duration maxAge;
    private final AtomicBoolean scheduledRunGoing = new AtomicBoolean();

    @Inject
    public DriftChecker(RegistrationReader reader, RegistrationCatalog catalog, DesiredStateLoader loader,
            PartnerCenterDirectory partnerCenter, PartnerCenterWalk partnerCenterWalk, ReconcileExecutor executor,
            RemovalBudget budget, DriftMemory memory, ChangeJournal journal, RegistrarMetrics metrics, Vertx vertx,
            RegistrarConfig config) {
        this.reader = reader;
        this.catalog = catalog;
        this.loader = loader;
        this.partnerCenter = partnerCenter;
        this.partnerCenterWalk = partnerCenterWalk;
        this.executor = executor;
        this.budget = budget;
        this.memory = memory;
        this.journal = journal;
        this.metrics = metrics;
        this.vertx = vertx;
        this.settings = config.drift();
        this.maxAge = config.partnerCenter().maxAge();
    }

    /**
     * A check that only reads and reports, whatever the mode ({@code checkDrift}). It may run beside a scheduled
     * run: it writes nothing, so it cannot add to that run's writes.
     *
     * @param call the call it serves, taken where the request is served: the run goes on on other threads
     */
    public Uni<DriftRun> report(CallContext call) {
        return Uni.createFrom().completionStage(() -> run(false, call).toFuture());
    }

    /**
     * The timer's run ({@code driftCheck}): reconciles when REGISTRAR_DRIFT_MODE is {@code reconcile} and a manifest
     * is set, else reports. While one is going, another fails at once with 409 {@code DriftCheckRunning}.
     *
     * @param call the timer's invocation, taken where it is served: the run goes on on other threads
     */
    public Uni<DriftRun> scheduledRun(CallContext call) {
        return Uni.createFrom().completionStage(() -> {
            call.install();
            if (!scheduledRunGoing.compareAndSet(false, true)) {
                LOG.warn("driftCheck: the previous scheduled run is still going; this one did nothing");
                return CompletableFuture.failedFuture(new RegistrarException(409, "DriftCheckRunning",
                        "A scheduled drift check is still running in this instance; this one did nothing. The "
                                + "next one is due at the next scheduled time."));
            }
            journal.expire();
            return run(true, call).doFinally(signal -> scheduledRunGoing.set(false)).toFuture();
        });
    }

    private Mono<DriftRun> run(boolean mayWrite, CallContext call) {
        return Mono.defer(() -> {
            call.install();
            Instant deadline = Instant.now().plus(settings.deadline());
            boolean fromPartnerCenter = partnerCenter.configured();
            Optional<Manifest> manifest = loader.load(fromPartnerCenter);
            Mono<Optional<PartnerCenterSnapshot>> snapshot = fromPartnerCenter
                    ? partnerCenterWalk.walk().map(Optional::of)
                    : Mono.just(Optional.empty());
            return Mono.zip(readAll(deadline), snapshot).flatMap(read -> {
                List<Holdings> holdings = read.getT1();
                read.getT2().ifPresent(pc -> metrics.partnerCenterGeneration(pc.generationStartedAt()));
                Optional<DesiredState> desired = DesiredState.of(manifest, read.getT2(), holdings, catalog.all(),
                        maxAge, Instant.now());
                boolean reconcile = mayWrite && desired.isPresent() && settings.mode() == DriftMode.RECONCILE;
                DriftComparison comparison = DriftComparison.of(desired, holdings);
                RemovalPolicy.Basis basis = RemovalPolicy.basis(read.getT2(), holdings);
                List<RegistrarException> readFailures = new ArrayList<>(comparison.readFailures());
                if (basis.implausible() != null && !read.getT2().get().implausible()) {
                    // The walk's own drop is already among the read failures, with its figures.
                    readFailures.add(new RegistrarException(503, PartnerCenterSnapshot.IMPLAUSIBLE,
                            basis.implausible()));
                }
                // Remembered before the writes, whose journal records close the entries they fix; on a worker
                // thread, since the storage client blocks.
                Mono<DriftMemory.Remembered> remembered = Mono.fromCompletionStage(() -> vertx.executeBlocking(
                        () -> memory.remember(comparison, holdings, call), false).toCompletionStage());
                return remembered.flatMap(memoryOfRun -> {
                    // The reads' answers arrive on contexts of their own: the writes are still this run's.
                    call.install();
                    Mono<Execution> execution = reconcile
                            ? budget.open().flatMap(slots -> {
                                call.install();
                                return executor.execute(ReconcilePlan.of(comparison, memoryOfRun.missingSince()),
                                        deadline, new ReconcileExecutor.Proof(slots, comparison::registeredTenant,
                                                basis, memoryOfRun), call);
                            })
                            : Mono.just(Execution.NONE);
                    return execution.map(done -> DriftRun.of(
                            DriftReport.of(comparison, reconcile ? "reconcile" : "report", done.actions(),
                                    memoryOfRun, read.getT2().map(PartnerCenterSnapshot::companyNames).orElse(Map.of())),
                            readFailures, done.failures()));
                });
            });
        }).doOnNext(run -> call.run(() -> {
            log(run);
            metrics.driftRun(call.trigger(), run);
        })).doOnError(RegistrarException.class, failure -> call.run(() -> {
            LOG.warnf("Drift check failed: %s %s", failure.code(), failure.getMessage());
            metrics.driftRunFailed(call.trigger(), failure);
        }));
    }

    /** Every registration's holdings, in the catalog's order; reading past the deadline fails the run. */
    private Mono<List<Holdings>> readAll(Instant deadline) {
        return reader.readAll()
                .timeout(Duration.between(Instant.now(), deadline))
                .onErrorMap(TimeoutException.class, timeout -> new RegistrarException(504, "DriftDeadlineExceeded",
                        "Reading the registrations took longer than REGISTRAR_DRIFT_DEADLINE (" + settings.deadline()
                                + "); nothing was written. ARM may be slow; the next run tries again."));
    }

    private static void log(DriftRun run) {
        if (run.failure().isPresent()) {
            LOG.warnf("%s; incomplete: %s %s", run.report().summary(), run.failure().get().code(),
                    run.failure().get().getMessage());
        } else {
            LOG.info(run.report().summary());
        }
    }
}
