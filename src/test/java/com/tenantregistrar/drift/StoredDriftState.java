package com.tenantregistrar.drift;

import com.azure.data.tables.models.TableServiceException;
import com.tenantregistrar.partnercenter.WalkStorage;
import com.tenantregistrar.storage.StateStorage;

/**
 * The drift check's state in the test run's shared Azurite (the removal budget, the Partner Center walk), cleared
 * before each test so that test classes do not see each other's slots or walk.
 */
public final class StoredDriftState {

    private StoredDriftState() {
    }

    /** Forgets the removal budget's slots and the Partner Center walk; nothing without storage. */
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
    }
}
