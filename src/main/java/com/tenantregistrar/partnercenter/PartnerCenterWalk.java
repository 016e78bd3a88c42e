package com.tenantregistrar.partnercenter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobDownloadContentResponse;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.blob.specialized.BlobLeaseClient;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.config.Percent;
import com.tenantregistrar.config.RegistrarConfig;
import com.tenantregistrar.error.ErrorBody;
import com.tenantregistrar.partnercenter.PartnerCenterClient.Link;
import com.tenantregistrar.partnercenter.PartnerCenterDirectory.WalkEnd;
import com.tenantregistrar.partnercenter.PartnerCenterDirectory.WalkPosition;
import com.tenantregistrar.partnercenter.PartnerCenterDirectory.WalkStep;
import com.tenantregistrar.storage.StateStorage;
import com.tenantregistrar.storage.StateStorageException;

import io.quarkus.runtime.annotations.RegisterForReflection;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The walk of every Partner Center customer, spread over as many runs as it needs: with state storage each run goes
 * on from where the last one stopped, and a walk that reaches the last customer completes a generation. Without
 * storage (or when it cannot be reached) each run walks from the first customer, as {@link PartnerCenterDirectory}
 * does.
 * <p>
 * In the container {@value #CONTAINER}: {@code state.json} (the generation being walked, its position and its
 * chunks, the customers it stepped over and each customer's failed runs in a row, and the last complete
 * generation), written only on its ETag; one blob per page read,
 * {@code g<generation>/<sequence>-<run>.json} (each customer's active Azure subscriptions and when it was read),
 * never rewritten; and {@code lock}, leased by the run that walks, so that two runs never walk at once.
 * <p>
 * Chunks are kept in memory once written or read, so that a run on a warm instance reads only the chunks it has not
 * seen. A chunk's name stands for one content for ever: it is written once ({@code If-None-Match: *}), never
 * rewritten, and names its generation and the run that wrote it; only the chunks the stored walk names are kept.
 * <p>
 * The walk always moves: a saved continuation token that Partner Center no longer accepts starts the generation
 * again from the first customer (once a run), and a customer whose read fails for a reason of its own in
 * REGISTRAR_PARTNER_CENTER_MAX_CUSTOMER_FAILURES runs in a row is stepped over for the rest of its generation, its
 * tenant undecided there ({@link PartnerCenterSnapshot#skipped()}). Its count of failures goes on into the next
 * generation, which tries it once more and steps over it at once if it fails again; a read that succeeds clears it.
 */
// Jackson reads and writes the stored walk (state.json and its chunks) by reflection, which a native image allows only
// for the types registered here.
@RegisterForReflection(targets = { PartnerCenterWalk.WalkState.class, PartnerCenterWalk.FailedRuns.class,
        PartnerCenterWalk.StoredPosition.class, PartnerCenterWalk.Generation.class,
        PartnerCenterWalk.StoredCustomer.class, CustomerFailure.class })
@ApplicationScoped
public class PartnerCenterWalk {

    static final String CONTAINER = "partner-center-walk";
    static final String STATE = "state.json";
    static final String LOCK = "lock";

    private static final Logger LOG = Logger.getLogger(PartnerCenterWalk.class);
    private static final int LEASE_SECONDS = 60;
    private static final Duration RENEW_EVERY = Duration.ofSeconds(20);
    /** How long a run's answer waits for its lock to be released; the lease expires by itself anyway. */
    private static final Duration RELEASE_WAIT = Duration.ofSeconds(2);
    private static final TypeReference<List<StoredCustomer>> CHUNK = new TypeReference<>() {
    };

    private final PartnerCenterDirectory directory;
    private final StateStorage storage;
    private final ObjectMapper mapper;
    private final Percent maxShrink;
    private final int maxCustomerFailures;
    private final Clock clock = Clock.systemUTC();
    /** The chunks this instance wrote or read, by name, as long as the stored walk names them. */
    private final Map<String, List<StoredCustomer>> kept = new ConcurrentHashMap<>();

    @Inject
    public PartnerCenterWalk(PartnerCenterDirectory directory, StateStorage storage, ObjectMapper mapper,
            RegistrarConfig config) {
        this.directory = directory;
        this.storage = storage;
        this.mapper = mapper;
        this.maxShrink = config.partnerCenter().maxShrink();
        this.maxCustomerFailures = config.partnerCenter().maxCustomerFailures();
    }

    /**
     * What the stored walk says.
     *
     * @param failures customer ID to how many runs in a row its read failed for a reason of its own, and the last
     *        failure; absent from walks stored before it was kept
     * @param skipped the customers this generation stepped over; absent likewise
     */
    record WalkState(long generation, Instant startedAt, StoredPosition position, int seen, List<String> chunks,
            Generation complete, Map<String, FailedRuns> failures, List<CustomerFailure> skipped) {

        WalkState {
            failures = failures == null ? Map.of() : Map.copyOf(failures);
            skipped = skipped == null ? List.of() : List.copyOf(skipped);
        }

        static WalkState first(Instant now) {
            return new WalkState(1, now, StoredPosition.of(WalkPosition.START), 0, List.of(), null, Map.of(),
                    List.of());
        }
    }

    /** A customer's failed runs in a row and its last failure. */
    record FailedRuns(int runs, ErrorBody last) {
    }

    /** A walk position as stored. */
    record StoredPosition(String path, Map<String, String> headers, int index) {

        static StoredPosition of(WalkPosition position) {
            return new StoredPosition(position.page().path(), position.page().headers(), position.index());
        }

        WalkPosition position() {
            return new WalkPosition(new Link(path, headers), index);
        }
    }

    /**
     * A complete generation: when its walk began and ended, its customers and their Azure subscriptions (active or
     * inactive; absent from generations completed before they were counted), and the chunks that hold them.
     */
    record Generation(long number, Instant startedAt, Instant completedAt, int customers, Integer azureSubscriptions,
            List<String> chunks, List<CustomerFailure> skipped) {

        Generation {
            skipped = skipped == null ? List.of() : List.copyOf(skipped);
        }

        Plausibility.Figures figures() {
            return new Plausibility.Figures(number, customers, azureSubscriptions);
        }
    }

    /**
     * One customer as a chunk holds it; {@code inactive} is absent from chunks written before it was kept, and
     * {@code companyName} from those written before it was read.
     */
    record StoredCustomer(String tenantId, List<String> azureSubscriptionIds, Map<String, String> inactive,
            Instant seen, String companyName) {

        CustomerAzureSubscriptions customer() {
            return new CustomerAzureSubscriptions(tenantId, azureSubscriptionIds, inactive, companyName);
        }
    }

    /**
     * Goes on with the walk where the last run stopped, and answers the customers of the last complete generation
     * updated with what the walk read since.
     */
    public Mono<PartnerCenterSnapshot> walk() {
        if (!storage.configured()) {
            return directory.walk();
        }
        return blocking(this::begin)
                .onErrorResume(StateStorageException.class, failure -> {
                    LOG.warnf("The Partner Center walk cannot use the app's storage (%s); this run walks from the "
                            + "first customer and saves nothing", failure.getMessage());
                    return Mono.empty();
                })
                .flatMap(begun -> begun.lock().map(lock -> walkHolding(lock, begun.stored()))
                        .orElseGet(() -> busy(begun.stored())))
                .switchIfEmpty(Mono.defer(directory::walk));
    }

    /** The lock, unless another run holds it, and the stored walk. */
    private record Begun(Optional<BlobLeaseClient> lock, Stored stored) {
    }

    private Begun begin() {
        Optional<BlobLeaseClient> lock = takeLock();
        try {
            return new Begun(lock, readState().orElse(new Stored(WalkState.first(clock.instant()), null)));
        } catch (RuntimeException e) {
            lock.ifPresent(this::release);
            throw e;
        }
    }

    /** Another run holds the lock: this one does not walk, and answers what the walk saved so far. */
    private Mono<PartnerCenterSnapshot> busy(Stored stored) {
        ErrorBody error = ErrorBody.of(new PartnerCenterException(503, "PartnerCenterWalkRunning", "Another run "
                + "(another instance, or a checkDrift beside the timer) is walking Partner Center; this one did not "
                + "walk and used what that walk saved so far.", null, null));
        return blocking(() -> snapshotOrWhatWasRead(stored.state(), List.of(), false, error, null, false));
    }

    private Mono<PartnerCenterSnapshot> walkHolding(BlobLeaseClient lock, Stored stored) {
        Disposable renewal = Flux.interval(RENEW_EVERY, RENEW_EVERY, Schedulers.boundedElastic())
                .subscribe(tick -> renew(lock));
        Run run = new Run(stored);
        // Released before the run answers, so that the next run (a checkDrift right after the timer's) finds it free.
        Mono<Void> letGo = blocking(() -> {
            renewal.dispose();
            release(lock);
            return lock;
        }).then().timeout(RELEASE_WAIT).onErrorResume(slow -> Mono.empty());
        PartnerCenterDirectory.Hooks hooks = new PartnerCenterDirectory.Hooks() {
            @Override
            public Mono<Void> afterEachPage(WalkStep step) {
                return blocking(() -> run.save(step, null)).then();
            }

            @Override
            public Mono<Void> restart() {
                return blocking(run::restart).then();
            }

            @Override
            public boolean stepOver(String customerId) {
                return run.failedRuns(customerId) + 1 >= maxCustomerFailures;
            }
        };
        return Mono.usingWhen(Mono.just(lock),
                held -> directory.walk(run.start().position().position(), hooks)
                        .flatMap(end -> blocking(() -> run.end(end))),
                held -> letGo, (held, failure) -> letGo, held -> letGo);
    }

    /** One run's walk: the state as it last read or wrote it, and the customers it read. */
    private final class Run {

        private final String id = UUID.randomUUID().toString().substring(0, 8);
        private final WalkState start;
        private final List<CustomerAzureSubscriptions> read = new ArrayList<>();
        private Stored current;
        /** Why the generation this run reached the end of was not believed, if it was not. */
        private String implausible;
        /** That generation, when it was dropped. */
        private Generation dropped;
        /** Whether the walk started its generation again, its continuation token refused. */
        private boolean restarted;

        Run(Stored stored) {
            this.start = stored.state();
            this.current = stored;
        }

        WalkState start() {
            return start;
        }

        /** In how many runs in a row the read of {@code customerId} failed so far. */
        synchronized int failedRuns(String customerId) {
            FailedRuns failed = current.state().failures().get(customerId);
            return failed == null ? 0 : failed.runs();
        }

        /**
         * Starts the generation again from its first customer: what it read so far is dropped (its start moves to
         * now, so that nothing is decided on reads older than it claims); the customers' failures are kept.
         */
        synchronized WalkState restart() {
            WalkState state = current.state();
            writeState(new WalkState(state.generation(), clock.instant(), StoredPosition.of(WalkPosition.START), 0,
                    List.of(), state.complete(), state.failures(), List.of()));
            deleteChunks(state.chunks());
            read.clear();
            restarted = true;
            return current.state();
        }

        /**
         * Saves one step: its chunk, then the state that names it and where the walk goes on, with the failed runs
         * of its customers ({@code failed}, the one that stopped the walk, if any).
         */
        synchronized WalkState save(WalkStep step, CustomerFailure failed) {
            read.addAll(step.customers());
            WalkState state = current.state();
            Map<String, FailedRuns> failures = new LinkedHashMap<>(state.failures());
            step.customers().forEach(customer -> failures.remove(customer.tenantId()));
            List<CustomerFailure> skipped = new ArrayList<>(state.skipped());
            step.steppedOver().forEach(customer -> {
                failures.put(customer.customerId(), new FailedRuns(failedRuns(customer.customerId()) + 1,
                        customer.error()));
                skipped.add(customer);
            });
            if (failed != null) {
                failures.put(failed.customerId(), new FailedRuns(failedRuns(failed.customerId()) + 1,
                        failed.error()));
            }
            Instant now = clock.instant();
            List<String> chunks = new ArrayList<>(state.chunks());
            if (!step.customers().isEmpty()) {
                String name = String.format("g%d/%06d-%s.json", state.generation(), chunks.size(), id);
                List<StoredCustomer> customers = step.customers().stream()
                        .map(c -> new StoredCustomer(c.tenantId(), c.azureSubscriptionIds(), c.inactive(), now,
                                c.companyName()))
                        .toList();
                upload(container().getBlobClient(name), customers, new BlobRequestConditions().setIfNoneMatch("*"));
                kept.put(name, customers);
                chunks.add(name);
            }
            int seen = state.seen() + step.customers().size();
            if (step.next().isPresent()) {
                writeState(new WalkState(state.generation(), state.startedAt(), StoredPosition.of(step.next().get()),
                        seen, List.copyOf(chunks), state.complete(), failures, skipped));
                return current.state();
            }
            Generation reached = generation(state, now, chunks, skipped);
            implausible = Plausibility.problem(state.complete() == null ? null : state.complete().figures(),
                    reached.figures(), maxShrink).orElse(null);
            // An implausible generation is dropped: the previous one stays the last complete one.
            Generation complete = implausible == null ? reached : state.complete();
            dropped = implausible == null ? null : reached;
            writeState(new WalkState(state.generation() + 1, now, StoredPosition.of(WalkPosition.START), 0,
                    List.of(), complete, failures, List.of()));
            if (implausible != null) {
                deleteChunks(chunks);
            } else if (state.complete() != null) {
                deleteChunks(state.complete().chunks());
            }
            return current.state();
        }

        /** The generation the walk reached the end of: its distinct customers and their Azure subscriptions. */
        private Generation generation(WalkState state, Instant now, List<String> chunks,
                List<CustomerFailure> skipped) {
            Map<String, StoredCustomer> customers = new LinkedHashMap<>();
            chunks.forEach(name -> chunk(name).forEach(c -> customers.put(c.tenantId(), c)));
            int subscriptions = customers.values().stream().mapToInt(c -> c.customer().azureSubscriptionIds().size()
                    + c.customer().inactive().size()).sum();
            return new Generation(state.generation(), state.startedAt(), now, customers.size(), subscriptions,
                    List.copyOf(chunks), skipped);
        }

        /** Saves what the walk read after its last page, and answers the snapshot of this run. */
        PartnerCenterSnapshot end(WalkEnd end) {
            ErrorBody error = end.error();
            if (!end.complete() && (error == null || !WalkConflict.CODE.equals(error.code()))) {
                try {
                    save(end.unsaved(), end.failed());
                    if (error != null && "PartnerCenterBudgetSpent".equals(error.code()) && !read.isEmpty()) {
                        error = null; // the next run goes on from here: progress, not a failure
                    }
                } catch (StateStorageException | WalkConflict e) {
                    LOG.warnf("The Partner Center walk could not save where it stopped: %s", e.getMessage());
                    error = ErrorBody.of(e);
                }
            }
            if (implausible != null) {
                error = ErrorBody.of(new PartnerCenterException(503, PartnerCenterSnapshot.IMPLAUSIBLE, implausible,
                        null, null));
            }
            WalkState state = dropped == null ? current.state()
                    // Reported as the generation it walked, read in full, over the last complete one.
                    : new WalkState(dropped.number(), dropped.startedAt(), StoredPosition.of(WalkPosition.START),
                            dropped.customers(), List.of(), current.state().complete(), current.state().failures(),
                            List.of());
            boolean completedNow = end.complete() && state.complete() != null
                    && state.complete().number() == start.generation();
            return snapshotOrWhatWasRead(state, read, completedNow, error,
                    start.seen() > 0 && !restarted ? start.seen() : null, restarted);
        }

        private void writeState(WalkState next) {
            BinaryData body = json(next);
            for (int attempt = 1; ; attempt++) {
                try {
                    String etag = upload(container().getBlobClient(STATE), body, current.etag() == null
                            ? new BlobRequestConditions().setIfNoneMatch("*")
                            : new BlobRequestConditions().setIfMatch(current.etag()));
                    current = new Stored(next, etag);
                    return;
                } catch (BlobStorageException e) {
                    if ((e.getStatusCode() != 412 && e.getStatusCode() != 409) || attempt >= 5) {
                        throw StateStorageException.unavailable("saving the Partner Center walk", e);
                    }
                    // Someone wrote the state since this run read it: go on only if it still says what this run
                    // last saw (it was rewritten, not moved on); never overwrite another run's walk.
                    Optional<Stored> now = readState();
                    if (now.isEmpty() || !now.get().state().equals(current.state())) {
                        throw new WalkConflict();
                    }
                    LOG.debugf("The Partner Center walk's state changed its ETag only; saving again");
                    current = now.get();
                }
            }
        }

        private void deleteChunks(List<String> chunks) {
            for (String chunk : chunks) {
                try {
                    container().getBlobClient(chunk).deleteIfExists();
                } catch (RuntimeException e) {
                    LOG.debugf("Chunk %s of an older generation was not deleted: %s", chunk, e.getMessage());
                }
            }
        }
    }

    /** Another run moved the stored walk on while this one walked: this one stops and overwrites nothing. */
    private static final class WalkConflict extends PartnerCenterException {

        static final String CODE = "PartnerCenterWalkConflict";

        WalkConflict() {
            super(503, CODE, "Another run moved the stored Partner Center walk on while this one walked; this run "
                    + "stopped and saved nothing over it.", null, null);
        }
    }

    /**
     * The snapshot of the last complete generation, updated with the generation walked since: the chunks of both, a
     * later read of a customer replacing an earlier one. When the chunks cannot be read, only what this run read,
     * on which nothing may be removed.
     */
    private PartnerCenterSnapshot snapshotOrWhatWasRead(WalkState state, List<CustomerAzureSubscriptions> read,
            boolean completedNow, ErrorBody error, Integer resumedFrom, boolean restarted) {
        try {
            return snapshot(state, completedNow, error, resumedFrom, restarted);
        } catch (StateStorageException e) {
            LOG.warnf("The Partner Center walk's saved reads could not be read: %s", e.getMessage());
            return PartnerCenterSnapshot.of(read, false, ErrorBody.of(e), new PartnerCenterSnapshot.Progress(
                    state.generation(), state.seen(), null, resumedFrom, null), restarted, List.of());
        }
    }

    private PartnerCenterSnapshot snapshot(WalkState state, boolean completedNow, ErrorBody error,
            Integer resumedFrom, boolean restarted) {
        Generation complete = state.complete();
        List<String> named = new ArrayList<>();
        Map<String, CustomerFailure> skipped = new LinkedHashMap<>();
        Map<String, CustomerAzureSubscriptions> customers = new LinkedHashMap<>();
        if (complete != null) {
            named.addAll(complete.chunks());
            complete.chunks().forEach(chunk -> chunk(chunk).forEach(c -> customers.put(c.tenantId(), c.customer())));
            complete.skipped().forEach(c -> skipped.put(c.customerId(), c));
        }
        named.addAll(state.chunks());
        // A customer read since it was stepped over is decided again; one stepped over now is not, whatever an older
        // generation read of it.
        state.chunks().forEach(chunk -> chunk(chunk).forEach(c -> {
            customers.put(c.tenantId(), c.customer());
            skipped.remove(c.tenantId());
        }));
        state.skipped().forEach(c -> skipped.put(c.customerId(), c));
        // Chunks of generations the walk no longer names are deleted, or about to be: they are never asked again.
        kept.keySet().retainAll(named);
        Instant completeStartedAt = complete == null ? null : complete.startedAt();
        PartnerCenterSnapshot.Progress progress = completedNow
                ? new PartnerCenterSnapshot.Progress(complete.number(), complete.customers(), complete.customers(),
                        resumedFrom, completeStartedAt)
                : new PartnerCenterSnapshot.Progress(state.generation(), state.seen(),
                        complete == null ? null : complete.customers(), resumedFrom, completeStartedAt);
        return PartnerCenterSnapshot.of(customers.values(), completedNow, error, progress, restarted,
                List.copyOf(skipped.values()));
    }

    // --- storage ----------------------------------------------------------------------------------------------

    /** The state and the ETag it was read with. */
    private record Stored(WalkState state, String etag) {
    }

    private Optional<BlobLeaseClient> takeLock() {
        BlobClient lock = container().getBlobClient(LOCK);
        try {
            try {
                lock.uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromString(""))
                        .setRequestConditions(new BlobRequestConditions().setIfNoneMatch("*")), null, Context.NONE);
            } catch (BlobStorageException e) {
                if (e.getStatusCode() != 409 && e.getStatusCode() != 412) {
                    throw e;
                }
            }
            BlobLeaseClient lease = new BlobLeaseClientBuilder().blobClient(lock).buildClient();
            lease.acquireLease(LEASE_SECONDS);
            return Optional.of(lease);
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 409) {
                LOG.infof("Another run is walking Partner Center; this one uses what that walk saved so far");
                return Optional.empty();
            }
            throw StateStorageException.unavailable("taking the Partner Center walk's lock", e);
        }
    }

    private void renew(BlobLeaseClient lock) {
        try {
            lock.renewLease();
        } catch (RuntimeException e) {
            LOG.warnf("The Partner Center walk's lock could not be renewed (%s); its saves stay conditional on "
                    + "the state's ETag", e.getMessage());
        }
    }

    private void release(BlobLeaseClient lock) {
        try {
            lock.releaseLease();
        } catch (RuntimeException e) {
            LOG.debugf("The Partner Center walk's lock was not released (%s); it expires in %d s", e.getMessage(),
                    LEASE_SECONDS);
        }
    }

    private Optional<Stored> readState() {
        try {
            BlobDownloadContentResponse response = container().getBlobClient(STATE)
                    .downloadContentWithResponse(null, null, null, Context.NONE);
            return Optional.of(new Stored(mapper.readValue(response.getValue().toBytes(), WalkState.class),
                    response.getDeserializedHeaders().getETag()));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw StateStorageException.unavailable("reading the Partner Center walk", e);
        } catch (IOException e) {
            throw StateStorageException.unavailable("reading the Partner Center walk, which is not valid JSON", e);
        } catch (RuntimeException e) {
            throw unavailable(e, "reading the Partner Center walk");
        }
    }

    /** A chunk as kept in memory, or read once and kept. */
    private List<StoredCustomer> chunk(String name) {
        List<StoredCustomer> customers = kept.get(name);
        if (customers == null) {
            customers = download(name);
            kept.put(name, customers);
        }
        return customers;
    }

    private List<StoredCustomer> download(String chunk) {
        try {
            return mapper.readValue(container().getBlobClient(chunk).downloadContent().toBytes(), CHUNK);
        } catch (IOException e) {
            throw StateStorageException.unavailable("reading the Partner Center walk's chunk " + chunk, e);
        } catch (RuntimeException e) {
            throw unavailable(e, "reading the Partner Center walk's chunk " + chunk);
        }
    }

    private String upload(BlobClient blob, Object value, BlobRequestConditions conditions) {
        BinaryData body = value instanceof BinaryData data ? data : json(value);
        try {
            return blob.uploadWithResponse(new BlobParallelUploadOptions(body).setRequestConditions(conditions), null,
                    Context.NONE).getValue().getETag();
        } catch (BlobStorageException e) {
            if (blob.getBlobName().equals(STATE) && (e.getStatusCode() == 412 || e.getStatusCode() == 409)) {
                throw e;
            }
            throw StateStorageException.unavailable("saving the Partner Center walk", e);
        } catch (RuntimeException e) {
            throw unavailable(e, "saving the Partner Center walk");
        }
    }

    private BinaryData json(Object value) {
        try {
            return BinaryData.fromBytes(mapper.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BlobContainerClient container() {
        try {
            return storage.container(CONTAINER);
        } catch (RuntimeException e) {
            throw unavailable(e, "opening the Partner Center walk's container");
        }
    }

    private static StateStorageException unavailable(RuntimeException e, String what) {
        return e instanceof StateStorageException known ? known : StateStorageException.unavailable(what, e);
    }

    private static <T> Mono<T> blocking(java.util.concurrent.Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }
}
