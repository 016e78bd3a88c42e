package com.tenantregistrar.coverage;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.StreamSupport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.driftreports.DriftReportStore;
import com.tenantregistrar.error.RegistrarException;
import com.tenantregistrar.journal.DriftEntries;
import com.tenantregistrar.journal.DriftEntries.Entry;
import com.tenantregistrar.journal.MissingEntries;
import com.tenantregistrar.journal.UnexpectedEntries;
import com.tenantregistrar.storage.StateStorage;
import com.tenantregistrar.storage.StateStorageException;

/**
 * What the coverage is made of, read from the app's storage account: the newest kept drift run's report and the
 * drift memory's open entries, the report found by the day folders of its name ({@link DriftReportStore}:
 * {@code yyyy/MM/dd/HHmmss-<runId>.json}) rather than a listing of every kept run. No Partner Center walk and no ARM
 * call. A kept report never changes, so it is read
 * once per run; the memory at most every {@link #MEMORY_TTL}.
 */
@ApplicationScoped
public class CoverageSource {

    static final Duration MEMORY_TTL = Duration.ofSeconds(30);
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(30);
    /** The days looked at by name before the whole container is listed: a timer runs far more often than that. */
    private static final int RECENT_DAYS = 3;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd/", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final Logger LOG = Logger.getLogger(CoverageSource.class);

    private final StateStorage storage;
    private final MissingEntries missing;
    private final UnexpectedEntries unexpected;
    private final ObjectMapper mapper;
    private volatile Read last;

    /**
     * The newest kept run and the memory as read at {@code memoryRead}.
     *
     * @param name the report's blob name
     */
    public record Read(String name, KeptReport kept, List<Entry> missingSince, List<Entry> unexpectedSince,
            Instant memoryRead) {
    }

    @Inject
    public CoverageSource(StateStorage storage, MissingEntries missing, UnexpectedEntries unexpected,
            ObjectMapper mapper) {
        this.storage = storage;
        this.missing = missing;
        this.unexpected = unexpected;
        this.mapper = mapper;
    }

    /**
     * The newest kept run with the drift memory, blocking; empty before a run was kept.
     *
     * @throws StateStorageException when no account is set, or it cannot be read
     */
    public Optional<Read> newest(Instant now) {
        if (!storage.configured()) {
            throw StateStorageException.notConfigured("AzureWebJobsStorage is empty: the drift runs' reports are "
                    + "kept there");
        }
        try {
            Optional<String> name = newestName(storage.container(DriftReportStore.CONTAINER), now);
            if (name.isEmpty()) {
                return Optional.empty();
            }
            Read cached = last;
            if (cached != null && cached.name().equals(name.get())) {
                if (cached.memoryRead().plus(MEMORY_TTL).isAfter(now)) {
                    return Optional.of(cached);
                }
                return Optional.of(remember(new Read(cached.name(), cached.kept(), memory(missing),
                        memory(unexpected), now)));
            }
            byte[] json = storage.container(DriftReportStore.CONTAINER).getBlobClient(name.get()).downloadContent().toBytes();
            return Optional.of(remember(new Read(name.get(), KeptReport.parse(mapper, json), memory(missing),
                    memory(unexpected), now)));
        } catch (RegistrarException e) {
            throw e;
        } catch (RuntimeException e) {
            throw StateStorageException.unavailable("reading the last kept drift report", e);
        }
    }

    private Read remember(Read read) {
        last = read;
        return read;
    }

    /** The newest report's name: of the last days by their folders, else of the whole container. */
    private static Optional<String> newestName(BlobContainerClient container, Instant now) {
        try {
            for (int day = 0; day < RECENT_DAYS; day++) {
                Optional<String> newest = newest(container, DAY.format(now.minus(Duration.ofDays(day))));
                if (newest.isPresent()) {
                    return newest;
                }
            }
            return newest(container, null);
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty(); // no run has created the container yet
            }
            throw e;
        }
    }

    private static Optional<String> newest(BlobContainerClient container, String prefix) {
        return StreamSupport.stream(container.listBlobs(new ListBlobsOptions().setPrefix(prefix), LIST_TIMEOUT)
                .spliterator(), false).map(BlobItem::getName).filter(n -> n.endsWith(".json"))
                .max(Comparator.naturalOrder());
    }

    /** The open entries; none when the memory cannot be read, so that each {@code since} is the report's. */
    private static List<Entry> memory(DriftEntries entries) {
        try {
            return entries.all();
        } catch (RuntimeException e) {
            LOG.debugf("Coverage: the drift memory could not be read (%s); the report's since is used",
                    e.getClass().getSimpleName());
            return List.of();
        }
    }
}
