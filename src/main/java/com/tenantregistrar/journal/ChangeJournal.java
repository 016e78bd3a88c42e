package com.tenantregistrar.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.azure.core.http.HttpHeaderName;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableServiceException;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.config.RegistrarConfig;
import com.tenantregistrar.correlation.CallContext;
import com.tenantregistrar.error.RegistrarException;
import com.tenantregistrar.journal.ChangeQuery.Position;
import com.tenantregistrar.storage.StateStorage;
import com.tenantregistrar.storage.StateStorageException;
import com.tenantregistrar.telemetry.RegistrarMetrics;

import io.quarkus.runtime.ShutdownEvent;

/**
 * The change journal: every ARM write the app makes, stored in the table {@value #TABLE} of the app's storage
 * account, and read back a page at a time ({@code listChanges}).
 * <p>
 * A write never waits on the journal: {@link #record} queues the record (at most {@value #CAPACITY}) and returns;
 * one background thread stores the records in turn, azure-core retrying each as it retries any storage call. A
 * record that cannot be stored (no account, the account failing after the retries, the queue full, the app
 * stopping) is logged whole at WARN, on one line, and counted ({@link #stats()}, in the health details, and the
 * metric {@code registrar.journal.not_stored}), so that
 * nothing is lost silently. Storing is insert-if-absent on keys derived from the record ({@link Change}): a record
 * sent again is not stored twice. A stored write that registered a customer the drift check had found missing
 * closes that entry ({@link MissingEntries}) and carries its {@code missingSince}; any stored write closes the
 * entry's {@link UnexpectedEntries}, so that a removal is never decided on what the check saw before the app's write.
 */
@ApplicationScoped
public class ChangeJournal {

    static final String TABLE = "changejournal";
    private static final Logger LOG = Logger.getLogger(ChangeJournal.class);
    private static final int CAPACITY = 10_000;
    /** How long stopping the app waits for the records still queued. */
    private static final Duration DRAIN = Duration.ofSeconds(10);
    /** Deletes of expired records per timer run; the next run goes on. */
    private static final int MAX_EXPIRED_PER_RUN = 10_000;
    private static final int TRANSACTION = 100;
    private static final HttpHeaderName ERROR_CODE = HttpHeaderName.fromString("x-ms-error-code");

    private final StateStorage storage;
    private final MissingEntries missing;
    private final UnexpectedEntries unexpected;
    private final ObjectMapper mapper;
    private final RegistrarMetrics metrics;
    private final Duration retention;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong notStored = new AtomicLong();
    private volatile String lastFailure;
    private final ThreadPoolExecutor worker;

    @Inject
    public ChangeJournal(StateStorage storage, MissingEntries missing, UnexpectedEntries unexpected,
            ObjectMapper mapper, RegistrarConfig config, RegistrarMetrics metrics) {
        this.storage = storage;
        this.metrics = metrics;
        this.missing = missing;
        this.unexpected = unexpected;
        this.mapper = mapper;
        this.retention = config.journal().retention();
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(CAPACITY),
                task -> {
                    Thread thread = new Thread(task, "change-journal");
                    thread.setDaemon(true);
                    return thread;
                }, (task, executor) -> {
                    if (task instanceof Store store) {
                        notStored(store.change, executor.isShutdown() ? "the app is stopping" : "the queue is full");
                    }
                });
    }

    /** The journal's figures since the app started, for the health details. */
    public record Stats(boolean configured, int pending, long stored, long notStored, String lastFailure) {
    }

    /** Queues {@code change} to be stored, and returns at once. */
    public void record(Change change) {
        if (!storage.configured()) {
            return; // the journal is off, as the start-up line says
        }
        worker.execute(new Store(change));
    }

    /** Deletes, in the background, the months that lie wholly before the retention. */
    public void expire() {
        if (storage.configured()) {
            worker.execute(this::deleteExpired);
        }
    }

    public Stats stats() {
        return new Stats(storage.configured(), worker.getQueue().size(), stored.get(), notStored.get(), lastFailure);
    }

    /**
     * One page of records, newest first.
     *
     * @return the page, and where the next one starts (empty on the last page)
     * @throws StateStorageException when no account is set or it cannot be read
     */
    public Page list(ChangeQuery query) {
        try {
            ListEntitiesOptions options = new ListEntitiesOptions().setFilter(query.filter())
                    .setTop(Math.min(query.top() + 1, 1000));
            List<TableEntity> rows = storage.table(TABLE).listEntities(options, null, null).stream()
                    .limit(query.top() + 1L).toList();
            List<TableEntity> page = rows.subList(0, Math.min(query.top(), rows.size()));
            Optional<Position> next = rows.size() > query.top()
                    ? Optional.of(new Position(page.get(page.size() - 1).getPartitionKey(),
                            page.get(page.size() - 1).getRowKey()))
                    : Optional.empty();
            return new Page(page.stream().map(Change::of).toList(), next);
        } catch (RegistrarException e) {
            throw e;
        } catch (RuntimeException e) {
            throw StateStorageException.unavailable("reading the change journal", e);
        }
    }

    /** A page of the journal and the position after its last record, when there are more. */
    public record Page(List<Change> changes, Optional<Position> next) {
    }

    /** Stores what is queued, for at most {@link #DRAIN}; what is left is logged and counted. */
    void drain(@Observes ShutdownEvent event) throws InterruptedException {
        worker.shutdown();
        if (!worker.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
            worker.shutdownNow().stream().filter(Store.class::isInstance)
                    .forEach(task -> notStored(((Store) task).change, "the app stopped before it was stored"));
        }
    }

    /** The background task that stores one record. */
    private final class Store implements Runnable {

        private final Change change;

        Store(Change change) {
            this.change = change;
        }

        /** In the record's call context, so that storage's retry warnings name the call the record is of. */
        @Override
        public void run() {
            new CallContext(change.correlationId(), change.trigger(), change.caller(), "-").run(this::store);
        }

        private void store() {
            Change record = change;
            try {
                if (record.registered()) {
                    record = missing.close(record.registration(), record.customerSubscriptionId())
                            .map(record::withMissingSince).orElse(record);
                }
                if (record.written()) {
                    // The app wrote this entry: whatever the drift check saw of it before is no proof against it.
                    unexpected.close(record.registration(), record.customerSubscriptionId());
                }
                storage.table(TABLE).createEntity(record.toEntity());
                stored.incrementAndGet();
            } catch (TableServiceException e) {
                if (e.getResponse().getStatusCode() == 409) {
                    stored.incrementAndGet(); // stored before: a try that azure-core retried had succeeded
                } else {
                    // An error body the Table client cannot read (XML) leaves only the header's code.
                    notStored(record, "the storage account answered " + e.getResponse().getStatusCode() + " "
                            + Optional.ofNullable(e.getValue().getErrorCode()).map(Object::toString)
                                    .orElse(e.getResponse().getHeaderValue(ERROR_CODE)));
                }
            } catch (RegistrarException e) {
                notStored(record, e.code());
            } catch (RuntimeException e) {
                notStored(record, "the storage account could not be reached (" + e.getClass().getSimpleName() + ")");
            } catch (Error e) {
                // Not the app's to handle (a library missing a class, memory), but the record is still logged whole.
                notStored(record, "the app failed while storing it (" + e + ")");
                throw e;
            }
        }
    }

    private void notStored(Change change, String why) {
        notStored.incrementAndGet();
        metrics.journalNotStored();
        lastFailure = Instant.now() + " " + why;
        String record;
        try {
            record = mapper.writeValueAsString(change);
        } catch (JsonProcessingException e) {
            record = change.toString();
        }
        String line = record;
        new CallContext(change.correlationId(), change.trigger(), change.caller(), "-").run(() -> LOG.warnf(
                "Change journal: a record was not stored (%s): %s", why, line));
    }

    private void deleteExpired() {
        try {
            String before = Change.partition(Instant.now().minus(retention));
            TableClient table = storage.table(TABLE);
            List<TableEntity> expired = table.listEntities(new ListEntitiesOptions()
                    .setFilter("PartitionKey gt '" + before + "'").setSelect(List.of("PartitionKey", "RowKey")),
                    null, null).stream().limit(MAX_EXPIRED_PER_RUN).toList();
            Map<String, List<TableEntity>> byMonth = expired.stream()
                    .collect(Collectors.groupingBy(TableEntity::getPartitionKey));
            for (List<TableEntity> month : byMonth.values()) {
                for (int i = 0; i < month.size(); i += TRANSACTION) {
                    List<TableTransactionAction> deletes = new ArrayList<>();
                    month.subList(i, Math.min(i + TRANSACTION, month.size())).forEach(row -> deletes.add(
                            new TableTransactionAction(TableTransactionActionType.DELETE, row)));
                    table.submitTransaction(deletes);
                }
            }
            if (!expired.isEmpty()) {
                LOG.infof("Change journal: deleted %d records of the months wholly before REGISTRAR_JOURNAL_RETENTION "
                        + "(%s)", expired.size(), retention);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Change journal: expired records could not be deleted (%s); the next timer run tries again",
                    e instanceof RegistrarException r ? r.code() : e.getClass().getSimpleName());
        }
    }
}
