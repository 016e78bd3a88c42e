package com.tenantregistrar.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.azure.core.util.BinaryData;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.storage.blob.BlobContainerClient;

import io.quarkus.test.junit.QuarkusTest;

/** The app reaches the Azurite the test run started through AzureWebJobsStorage, with the Table and Blob clients. */
@QuarkusTest
class StateStorageTest {

    @Inject
    StateStorage storage;

    @Test
    void tablesAndBlobsOfTheConfiguredAccountAreReadAndWritten() {
        TableClient table = storage.table("statestoragetest");
        table.upsertEntity(new TableEntity("p", "r").addProperty("value", "one"));
        assertEquals("one", table.getEntity("p", "r").getProperty("value"));

        BlobContainerClient container = storage.container("state-storage-test");
        container.getBlobClient("a").upload(BinaryData.fromString("two"), true);
        assertEquals("two", container.getBlobClient("a").downloadContent().toString());
    }
}
