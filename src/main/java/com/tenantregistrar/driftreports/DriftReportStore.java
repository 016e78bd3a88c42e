package com.tenantregistrar.driftreports;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.config.RegistrarConfig;
import com.tenantregistrar.correlation.CallContext;
import com.tenantregistrar.drift.DriftRun;
import com.tenantregistrar.error.ErrorBody;
import com.tenantregistrar.error.RegistrarException;
import com.tenantregistrar.storage.StateStorage;
import com.tenantregistrar.storage.StateStorageException;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Every drift run's whole report, kept as a blob of the container {@value #CONTAINER} in the app's storage account
 * ({@code yyyy/MM/dd/HHmmss-<runId>.json}, the run's start in UTC), with its summary in the blob's metadata so that
 * a listing reads no report. Keeping never fails a run: a report that cannot be stored within its time is counted
 * and logged at WARN, and the run's answer says so. Reports older than REGISTRAR_DRIFT_REPORT_RETENTION are deleted
 * by the timer's runs, never the newest.
 */
@ApplicationScoped
public class DriftReportStore {

    /** The container of the kept reports. */
    public static final String CONTAINER = "drift-reports";
    private static final Logger LOG = Logger.getLogger(DriftReportStore.class);
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(30);
    private static final int MIN_SECONDS = 10;
    private static final Duration MIN = Duration.ofSeconds(MIN_SECONDS);

    private final StateStorage storage;
    private final ObjectMapper mapper;
    private final Duration retention;
    private final Duration deadline;
    private final AtomicLong kept = new AtomicLong();
    private final AtomicLong notKept = new AtomicLong();
    private volatile String lastFailure;

    /** The figures of the health check since the app started. */
    public record Stats(boolean configured, long kept, long notKept, String lastFailure) {
    }

    @Inject
    public DriftReportStore(StateStorage storage, ObjectMapper mapper, RegistrarConfig config) {
        this.storage = storage;
        this.mapper = mapper;
        this.retention = config.drift().reportRetention();
        this.deadline = config.drift().deadline();
    }

    /** Where {@code id}'s report is kept, as its report names it. */
    public static String keptAs(RunId id) {
        return CONTAINER + "/" + id.blobName();
    }

    /**
     * Keeps the report of {@code run} on a worker thread, before the run's deadline (REGISTRAR_DRIFT_DEADLINE from
     * the run's start), or within {@value #MIN_SECONDS} s when less is left: the margin that REGISTRAR_ARM_TIMEOUT
     * leaves under the host's functionTimeout for a write still under way.
     *
     * @param trigger {@code timer} or {@code checkDrift}
     * @return the run's whole report, saying where it is kept or why it could not be
     */
    public Uni<KeptDriftRun> keep(RunId id, String trigger, DriftRun run, CallContext call) {
        Instant end = Instant.now();
        KeptDriftRun kept = new KeptDriftRun(id.value(), trigger, id.start().toString(), end.toString(),
                run.failure().isPresent() ? "incomplete" : "complete", run.failure().map(ErrorBody::of).orElse(null),
                keptAs(id), null, run.report());
        Duration left = Duration.between(end, id.start().plus(deadline));
        return keep(kept, left.compareTo(MIN) < 0 ? MIN : left, call);
    }

    private Uni<KeptDriftRun> keep(KeptDriftRun run, Duration within, CallContext call) {
        if (!storage.configured()) {
            return Uni.createFrom().item(run.notKeptBecause("StateStorageNotConfigured: the app has no storage account "
                    + "(AzureWebJobsStorage)"));
        }
        return Uni.createFrom().item(() -> store(run, within))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(within.plusSeconds(1)).recoverWithItem(() -> "the storage account did not answer "
                        + "within " + within.toSeconds() + " s")
                .map(failure -> failure == null ? run : notKept(run, failure, call));
    }

    public Stats stats() {
        return new Stats(storage.configured(), kept.get(), notKept.get(), lastFailure);
    }

    /** Stores {@code run}; returns why it could not, or null. */
    private String store(KeptDriftRun run, Duration within) {
        try {
            byte[] document = mapper.writeValueAsBytes(run);
            RunId id = new RunId(run.runId());
            storage.container(CONTAINER).getBlobClient(id.blobName()).uploadWithResponse(
                    new BlobParallelUploadOptions(BinaryData.fromBytes(document))
                            .setHeaders(new BlobHttpHeaders().setContentType("application/json"))
                            .setMetadata(DriftRunSummary.metadata(run))
                            .setRequestConditions(new BlobRequestConditions().setIfNoneMatch("*")),
                    within, Context.NONE);
            kept.incrementAndGet();
            return null;
        } catch (HttpResponseException e) {
            return e.getResponse() == null ? "the storage account failed (" + e.getClass().getSimpleName() + ")"
                    : "the storage account answered " + e.getResponse().getStatusCode() + " "
                            + Optional.ofNullable(e.getResponse().getHeaderValue("x-ms-error-code")).orElse("");
        } catch (RegistrarException e) {
            return e.code();
        } catch (JsonProcessingException | RuntimeException e) {
            return "the storage account could not be reached (" + e.getClass().getSimpleName() + ")";
        }
    }

    private KeptDriftRun notKept(KeptDriftRun run, String why, CallContext call) {
        notKept.incrementAndGet();
        lastFailure = Instant.now() + " " + why;
        call.run(() -> LOG.warnf("Drift report of run %s was not kept (%s); the run's answer still carries it",
                run.runId(), why));
        return run.notKeptBecause(why.trim());
    }

    /**
     * The kept runs that started at or after {@code since} (all when null), newest first, at most {@code top}.
     *
     * @param link the URL of a run's report
     * @throws StateStorageException when no account is set or it cannot be read
     */
    public List<DriftRunSummary> list(Instant since, int top, Function<RunId, String> link) {
        try {
            BlobContainerClient container = storage.container(CONTAINER);
            YearMonth now = YearMonth.now(ZoneOffset.UTC);
            YearMonth first = YearMonth.from((since != null ? since : Instant.now().minus(retention))
                    .atZone(ZoneOffset.UTC)).minusMonths(1);
            List<DriftRunSummary> runs = new ArrayList<>();
            // A month's folder at a time, newest first (names sort by start within it), so that the newest runs cost
            // one listing of this month's reports, not of a whole year's.
            for (YearMonth month = now.plusMonths(1); !month.isBefore(first) && runs.size() < top;
                    month = month.minusMonths(1)) {
                List<BlobItem> items = new ArrayList<>();
                String folder = String.format(Locale.ROOT, "%04d/%02d/", month.getYear(), month.getMonthValue());
                container.listBlobs(new ListBlobsOptions().setPrefix(folder)
                        .setDetails(new BlobListDetails().setRetrieveMetadata(true)), LIST_TIMEOUT).forEach(items::add);
                items.sort(Comparator.comparing(BlobItem::getName).reversed());
                for (BlobItem item : items) {
                    Optional<RunId> id = RunId.ofBlobName(item.getName());
                    boolean before = since != null && id.isPresent() && id.get().start().isBefore(since);
                    if (id.isEmpty() || item.getMetadata() == null || before) {
                        continue;
                    }
                    runs.add(DriftRunSummary.of(item.getMetadata(), link.apply(id.get())));
                    if (runs.size() == top) {
                        break;
                    }
                }
            }
            return runs;
        } catch (RegistrarException e) {
            throw e;
        } catch (RuntimeException e) {
            throw StateStorageException.unavailable("listing the kept drift reports", e);
        }
    }

    /**
     * The kept report of run {@code id}, as it was stored; empty when there is none.
     *
     * @throws StateStorageException when no account is set or it cannot be read
     */
    public Optional<byte[]> read(RunId id) {
        try {
            return Optional.of(storage.container(CONTAINER).getBlobClient(id.blobName()).downloadContent().toBytes());
        } catch (HttpResponseException e) {
            if (e.getResponse() != null && e.getResponse().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw StateStorageException.unavailable("reading a kept drift report", e);
        } catch (RegistrarException e) {
            throw e;
        } catch (RuntimeException e) {
            throw StateStorageException.unavailable("reading a kept drift report", e);
        }
    }

    /** Deletes, blocking, the reports of runs older than REGISTRAR_DRIFT_REPORT_RETENTION, never the newest. */
    public void expire() {
        if (!storage.configured()) {
            return;
        }
        try {
            BlobContainerClient container = storage.container(CONTAINER);
            List<String> names = new ArrayList<>();
            container.listBlobs(new ListBlobsOptions(), LIST_TIMEOUT).forEach(item -> names.add(item.getName()));
            List<String> expired = ReportRetention.expired(names, Instant.now().minus(retention));
            expired.forEach(name -> container.getBlobClient(name).deleteIfExists());
            if (!expired.isEmpty()) {
                LOG.infof("Drift reports: deleted %d reports older than REGISTRAR_DRIFT_REPORT_RETENTION (%s)",
                        expired.size(), retention);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Drift reports: expired reports could not be deleted (%s); the next timer run tries again",
                    e instanceof RegistrarException r ? r.code() : e.getClass().getSimpleName());
        }
    }
}
