package com.tenantregistrar.journal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableServiceException;
import com.tenantregistrar.storage.StateStorage;

/**
 * The drift check's memory of who is missing where: one row per open entry (registration, customer subscription)
 * with when it was first seen missing. An entry is opened insert-if-absent, so two runs at once keep the earlier
 * time; it is closed by deleting the row it read, on its ETag, so a row changed in between is read again, never
 * deleted blindly.
 */
@ApplicationScoped
public class MissingEntries {

    static final String TABLE = "driftmissing";
    private static final int MAX_TRIES = 3;

    private final StateStorage storage;

    @Inject
    public MissingEntries(StateStorage storage) {
        this.storage = storage;
    }

    /** An open entry: the customer subscription missing on the registration since {@code since}. */
    public record Entry(String registration, String customerSubscriptionId, Instant since) {
    }

    /** Whether the storage account is set, so that entries are kept at all. */
    public boolean configured() {
        return storage.configured();
    }

    /** Every open entry. */
    public List<Entry> all() {
        return table().listEntities().stream().map(MissingEntries::entry).toList();
    }

    /** Opens the entry at {@code now} unless it is open already; either way, when it was first seen missing. */
    public Instant open(String registration, String customerSubscriptionId, Instant now) {
        try {
            table().createEntity(new TableEntity(registration, customerSubscriptionId)
                    .addProperty("since", now.atOffset(ZoneOffset.UTC)));
            return now;
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() != 409) {
                throw e;
            }
            return entry(table().getEntity(registration, customerSubscriptionId)).since();
        }
    }

    /**
     * Closes the entry if it is open: deletes the row on the ETag it was read with, reading it again when another
     * writer changed it in between.
     *
     * @return when it was first seen missing, or empty when it was not open
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
        return storage.table(TABLE);
    }

    private static Entry entry(TableEntity row) {
        return new Entry(row.getPartitionKey(), row.getRowKey(),
                ((OffsetDateTime) row.getProperty("since")).toInstant());
    }
}
