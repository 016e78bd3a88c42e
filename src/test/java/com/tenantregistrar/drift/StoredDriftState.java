package com.tenantregistrar.drift;

import java.time.Instant;
import java.time.ZoneOffset;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableServiceException;
import com.tenantregistrar.journal.UnexpectedEntries;
import com.tenantregistrar.partnercenter.WalkStorage;
import com.tenantregistrar.storage.StateStorage;

/**
 * The drift check's state in the test run's shared Azurite (the removal budget, the Partner Center walk, since when
 * entries are unexpected), cleared before each test so that test classes do not see each other's slots, walk or
 * times.
 */
public final class StoredDriftState {

    private StoredDriftState() {
    }

    /** Forgets the removal budget's slots, the Partner Center walk and the unexpected times; nothing without storage. */
    public static void clear(StateStorage storage) {
        if (!storage.configured()) {
            return;
        }
        try {
            storage.table(RemovalBudget.TABLE).deleteEntity(RemovalBudget.PARTITION, RemovalBudget.ROW);
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() != 404) {
                throw e;
            }
        }
        WalkStorage.clear(storage.container(WalkStorage.CONTAINER));
        TableClient unexpected = storage.table(UnexpectedEntries.TABLE);
        try {
            unexpected.listEntities().forEach(row -> unexpected.deleteEntity(row.getPartitionKey(), row.getRowKey()));
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() != 404) {
                throw e; // 404: no drift check has remembered anything yet
            }
        }
    }

    /** Stores that drift checks have seen {@code subscription} on {@code registration} unexpected since {@code since}. */
    public static void unexpectedSince(StateStorage storage, String registration, String subscription, String tenantId,
            Instant since) {
        storage.table(UnexpectedEntries.TABLE).upsertEntity(new TableEntity(registration, subscription)
                .addProperty("since", since.atOffset(ZoneOffset.UTC)).addProperty("tenantId", tenantId));
    }
}
