package com.tenantregistrar.drift;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import com.tenantregistrar.config.RegistrarConfig;
import com.tenantregistrar.storage.StateStorage;
import com.tenantregistrar.storage.StateStorageException;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * REGISTRAR_DRIFT_MAX_REMOVALS as a budget per rolling 24 hours for the whole app: a slot is taken before each
 * removal or tenant rewrite is written, and one taken more than 24 hours ago is free again. The slots (the times they
 * were taken) are one entity of the table {@value #TABLE} in the app's storage account, updated only with its ETag:
 * a conditional update that another instance beat (412, or 409 for the first one) re-reads and tries again. Without
 * storage the budget counts per run, as it did before.
 */
@ApplicationScoped
public class RemovalBudget {

    static final String TABLE = "driftbudget";
    static final String PARTITION = "removals";
    static final String ROW = "budget";
    static final String SLOTS = "slots";
    static final Duration WINDOW = Duration.ofHours(24);

    private static final Logger LOG = Logger.getLogger(RemovalBudget.class);
    /** Conflicts in a row before a take gives up: only a storm of instances taking at once reaches it. */
    private static final int MAX_ATTEMPTS = 10;

    /** For runs that make no destructive write (the webhook's additions): no slot at all. */
    static final Slots NONE = new PerRun(0);

    private final StateStorage storage;
    private final int max;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public RemovalBudget(StateStorage storage, RegistrarConfig config) {
        this.storage = storage;
        this.max = config.drift().maxRemovals();
    }

    /** Whether the budget holds across runs and instances (the app has storage) rather than per run. */
    public boolean shared() {
        return storage.configured();
    }

    /**
     * This run's view of the budget: a way to take its slots one at a time. When the stored budget cannot be read,
     * none is free and {@link Slots#failure()} says why.
     */
    public Mono<Slots> open() {
        if (max <= 0 || !shared()) {
            return Mono.just(new PerRun(max));
        }
        return Mono.fromCallable(() -> {
            Stored stored = new Stored();
            stored.read();
            return (Slots) stored;
        }).subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(StateStorageException.class, failure -> Mono.just(new Unavailable(failure)));
    }

    /** A run's share of the budget. */
    public interface Slots {

        /** Takes one slot for a destructive write: false when none is left (the write is then held). */
        Mono<Boolean> take();

        /** Why the stored budget could not be read or written in this run, if it could not. */
        default Optional<StateStorageException> failure() {
            return Optional.empty();
        }
    }

    /** No storage: the budget counts per run. */
    private static final class PerRun implements Slots {

        private int left;

        PerRun(int max) {
            this.left = Math.max(0, max);
        }

        @Override
        public Mono<Boolean> take() {
            return Mono.fromSupplier(() -> {
                if (left <= 0) {
                    return false;
                }
                left--;
                return true;
            });
        }
    }

    /** The stored budget could not be read: nothing destructive in this run. */
    private record Unavailable(StateStorageException cause) implements Slots {

        @Override
        public Mono<Boolean> take() {
            return Mono.just(false);
        }

        @Override
        public Optional<StateStorageException> failure() {
            return Optional.of(cause);
        }
    }

    /**
     * The stored budget as this run last saw it. The ETag of its last read or write conditions the next write, so
     * a slot another instance took in between is never overwritten: the write fails, the entity is re-read and the
     * slot recounted.
     */
    private final class Stored implements Slots {

        private List<Instant> slots = List.of();
        /** The ETag of what {@link #slots} came from; null when the entity does not exist yet. */
        private String etag;
        private StateStorageException failure;

        void read() {
            try {
                TableEntity entity = table().getEntity(PARTITION, ROW);
                slots = parse(entity.getProperty(SLOTS));
                etag = entity.getETag();
            } catch (TableServiceException e) {
                if (e.getResponse().getStatusCode() != 404) {
                    throw StateStorageException.unavailable("reading the removal budget", e);
                }
                slots = List.of();
                etag = null;
            } catch (RuntimeException e) {
                throw unavailable(e, "reading the removal budget");
            }
        }

        @Override
        public Mono<Boolean> take() {
            return Mono.fromCallable(this::takeNow).subscribeOn(Schedulers.boundedElastic())
                    .onErrorResume(StateStorageException.class, e -> {
                        failure = e;
                        return Mono.just(false);
                    });
        }

        @Override
        public Optional<StateStorageException> failure() {
            return Optional.ofNullable(failure);
        }

        private synchronized boolean takeNow() {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                Instant now = clock.instant();
                List<Instant> live = live(now);
                if (live.size() >= max) {
                    return false;
                }
                live.add(now);
                try {
                    write(live);
                    return true;
                } catch (TableServiceException e) {
                    int status = e.getResponse().getStatusCode();
                    if (status != 412 && status != 409) {
                        throw StateStorageException.unavailable("taking a slot of the removal budget", e);
                    }
                    LOG.debugf("The removal budget changed since this run read it (%d); re-reading it", status);
                    read();
                } catch (RuntimeException e) {
                    throw unavailable(e, "taking a slot of the removal budget");
                }
            }
            throw StateStorageException.unavailable("taking a slot of the removal budget (it kept changing under "
                    + MAX_ATTEMPTS + " attempts)", null);
        }

        /**
         * Writes {@code live} on the condition that the entity is still what this run last read, then reads it back
         * for the ETag the next write is conditioned on.
         */
        private void write(List<Instant> live) {
            TableEntity entity = new TableEntity(PARTITION, ROW).addProperty(SLOTS, format(live));
            if (etag == null) {
                table().createEntity(entity);
            } else {
                entity.getProperties().put("odata.etag", etag);
                table().updateEntityWithResponse(entity, TableEntityUpdateMode.REPLACE, true, null, null);
            }
            read();
        }

        /** The slots taken within the window before {@code now}, oldest first. */
        private List<Instant> live(Instant now) {
            Instant since = now.minus(WINDOW);
            return slots.stream().filter(slot -> slot.isAfter(since)).sorted()
                    .collect(Collectors.toCollection(ArrayList::new));
        }
    }

    private TableClient table() {
        return storage.table(TABLE);
    }

    private static StateStorageException unavailable(RuntimeException e, String what) {
        return e instanceof StateStorageException known ? known : StateStorageException.unavailable(what, e);
    }

    /** The stored form: the times the slots were taken, ISO-8601, comma-separated. */
    static List<Instant> parse(Object stored) {
        if (!(stored instanceof String text) || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).map(Instant::parse).toList();
    }

    static String format(List<Instant> slots) {
        return slots.stream().map(Instant::toString).collect(Collectors.joining(","));
    }
}
