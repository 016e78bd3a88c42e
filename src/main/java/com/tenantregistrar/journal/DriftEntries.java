package com.tenantregistrar.journal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import com.tenantregistrar.storage.StateStorage;

/**
 * A table of the drift check's memory: one row per open entry (registration, customer subscription) with since when
 * a check has seen it so, and the tenant it was registered with then, when that matters. An entry is opened
 * insert-if-absent, so two runs at once keep the earlier time; it is closed by deleting the row it read, on its
 * ETag, so a row changed in between is read again, never deleted blindly.
 */
public abstract class DriftEntries {

    private static final int MAX_TRIES = 3;

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
     * Opens the entry at {@code now} unless it is open already with the same tenant; either way, since when it has
     * been open. An entry open with another tenant is another state of the registration: it opens anew at {@code now}.
     */
    public Instant open(String registration, String customerSubscriptionId, Instant now, String tenantId) {
        TableEntity row = new TableEntity(registration, customerSubscriptionId)
                .addProperty("since", now.atOffset(ZoneOffset.UTC));
        if (tenantId != null) {
            row.addProperty("tenantId", tenantId);
        }
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

    private TableClient table() {
        return storage.table(table);
    }

    private static Entry entry(TableEntity row) {
        Object tenant = row.getProperty("tenantId");
        return new Entry(row.getPartitionKey(), row.getRowKey(),
                ((OffsetDateTime) row.getProperty("since")).toInstant(), tenant == null ? null : tenant.toString());
    }
}
