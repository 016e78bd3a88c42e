package com.tenantregistrar.journal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import com.azure.data.tables.models.TableTransactionFailedException;
import com.tenantregistrar.storage.StateStorage;

/**
 * A table of the drift check's memory: one row per open entry (registration, customer subscription) with since when
 * a check has seen it so, and the tenant it was registered with then, when that matters. An entry is opened
 * insert-if-absent, so two runs at once keep the earlier time; it is closed by deleting the row it read, on its
 * ETag, so a row changed in between is read again, never deleted blindly.
 */
public abstract class DriftEntries {

    private static final int MAX_TRIES = 3;
    /** The most rows one table transaction may hold. */
    private static final int TRANSACTION = 100;

    private final StateStorage storage;
    private final String table;

    DriftEntries(StateStorage storage, String table) {
        this.storage = storage;
        this.table = table;
    }

    /**
     * An open entry: the customer subscription on the registration, so since {@code since}.
     *
     * @param tenantId the tenant it was registered with when the entry was opened; null where it does not matter
     */
    public record Entry(String registration, String customerSubscriptionId, Instant since, String tenantId) {
    }

    /** Whether the storage account is set, so that entries are kept at all. */
    public boolean configured() {
        return storage.configured();
    }

    /** Every open entry. */
    public List<Entry> all() {
        return table().listEntities().stream().map(DriftEntries::entry).toList();
    }

    /**
     * Opens at {@code now} each of {@code entries} ((registration, customer subscription) to the tenant, or null),
     * none of which was open when the caller read {@link #all()}: in table transactions of up to
     * {@value #TRANSACTION} rows of one registration, so that thousands of entries cost tens of storage calls, not
     * thousands. A transaction that fails because another run opened one of its rows in between is done again a row
     * at a time, which keeps the earlier time.
     *
     * @return since when each entry is open
     */
    public Map<List<String>, Instant> openAll(Map<List<String>, String> entries, Instant now) {
        Map<List<String>, Instant> since = new HashMap<>();
        Map<String, List<List<String>>> byRegistration = entries.keySet().stream()
                .collect(Collectors.groupingBy(key -> key.get(0), LinkedHashMap::new, Collectors.toList()));
        byRegistration.forEach((registration, keys) -> {
            for (int i = 0; i < keys.size(); i += TRANSACTION) {
                List<List<String>> chunk = keys.subList(i, Math.min(i + TRANSACTION, keys.size()));
                try {
                    table().submitTransaction(chunk.stream().map(key -> new TableTransactionAction(
                            TableTransactionActionType.CREATE, row(key.get(0), key.get(1), now, entries.get(key))))
                            .toList());
                    chunk.forEach(key -> since.put(key, now));
                } catch (TableTransactionFailedException e) {
                    chunk.forEach(key -> since.put(key, open(key.get(0), key.get(1), now, entries.get(key))));
                }
            }
        });
        return since;
    }

    /**
     * Opens the entry at {@code now} unless it is open already with the same tenant; either way, since when it has
     * been open. An entry open with another tenant is another state of the registration: it opens anew at {@code now}.
     */
    public Instant open(String registration, String customerSubscriptionId, Instant now, String tenantId) {
        TableEntity row = row(registration, customerSubscriptionId, now, tenantId);
        try {
            table().createEntity(row);
            return now;
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() != 409) {
                throw e;
            }
            Entry open = entry(table().getEntity(registration, customerSubscriptionId));
            if (Objects.equals(open.tenantId(), tenantId)) {
                return open.since();
            }
            table().upsertEntityWithResponse(row, TableEntityUpdateMode.REPLACE, null, Context.NONE);
            return now;
        }
    }

    /**
     * Closes the entry if it is open: deletes the row on the ETag it was read with, reading it again when another
     * writer changed it in between.
     *
     * @return since when it was open, or empty when it was not
     */
    public Optional<Instant> close(String registration, String customerSubscriptionId) {
        for (int attempt = 1; ; attempt++) {
            // A query, not a point read: an entry that is not open is the common case, not a failure.
            Optional<TableEntity> open = table().listEntities(new ListEntitiesOptions().setFilter("PartitionKey eq '"
                    + registration.replace("'", "''") + "' and RowKey eq '" + customerSubscriptionId + "'"), null, null)
                    .stream().findFirst();
            if (open.isEmpty()) {
                return Optional.empty();
            }
            TableEntity row = open.get();
            try {
                Response<Void> deleted = table().deleteEntityWithResponse(row, true, null, Context.NONE);
                return deleted.getStatusCode() == 204 ? Optional.of(entry(row).since()) : Optional.empty();
            } catch (TableServiceException e) {
                int status = e.getResponse().getStatusCode();
                if (status == 404) {
                    return Optional.empty();
                }
                if (status != 412 || attempt == MAX_TRIES) {
                    throw e;
                }
            }
        }
    }

    private static TableEntity row(String registration, String customerSubscriptionId, Instant since,
            String tenantId) {
        TableEntity row = new TableEntity(registration, customerSubscriptionId)
                .addProperty("since", since.atOffset(ZoneOffset.UTC));
        if (tenantId != null) {
            row.addProperty("tenantId", tenantId);
        }
        return row;
    }

    private TableClient table() {
        return storage.table(table);
    }

    private static Entry entry(TableEntity row) {
        Object tenant = row.getProperty("tenantId");
        return new Entry(row.getPartitionKey(), row.getRowKey(),
                ((OffsetDateTime) row.getProperty("since")).toInstant(), tenant == null ? null : tenant.toString());
    }
}
