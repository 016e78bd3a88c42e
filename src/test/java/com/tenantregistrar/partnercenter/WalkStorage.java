package com.tenantregistrar.partnercenter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.tenantregistrar.partnercenter.PartnerCenterDirectory.WalkPosition;
import com.tenantregistrar.partnercenter.PartnerCenterWalk.Generation;
import com.tenantregistrar.partnercenter.PartnerCenterWalk.StoredCustomer;
import com.tenantregistrar.partnercenter.PartnerCenterWalk.StoredPosition;
import com.tenantregistrar.partnercenter.PartnerCenterWalk.WalkState;

/**
 * Where the stored Partner Center walk lives, for tests in other packages: emptied, or holding a walk as another
 * instance would have stored it.
 */
public final class WalkStorage {

    public static final String CONTAINER = PartnerCenterWalk.CONTAINER;
    public static final String STATE = PartnerCenterWalk.STATE;
    public static final String LOCK = PartnerCenterWalk.LOCK;
    /** The app's JSON of its stored walk: times as ISO-8601. */
    private static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private WalkStorage() {
    }

    /** Deletes the stored walk in {@code container}, if any, breaking the lock's lease if a run holds it. */
    public static void clear(BlobContainerClient container) {
        if (!container.exists()) {
            return;
        }
        for (BlobItem blob : container.listBlobs()) {
            if (blob.getName().equals(LOCK)) {
                try {
                    new BlobLeaseClientBuilder().blobClient(container.getBlobClient(LOCK)).buildClient().breakLease();
                } catch (RuntimeException e) {
                    // not leased
                }
            }
            container.getBlobClient(blob.getName()).deleteIfExists();
        }
    }

    /**
     * Stores in {@code container}, as another instance's walk would have, complete generation {@code number} begun
     * at {@code startedAt} (and ended a minute later): one chunk per page of {@code pages}, and a state naming it the
     * last complete generation, the next not begun. Answers the chunks' blob names.
     */
    public static List<String> storeCompleteGeneration(BlobContainerClient container, long number, Instant startedAt,
            List<List<CustomerAzureSubscriptions>> pages) {
        container.createIfNotExists();
        Instant completedAt = startedAt.plus(Duration.ofMinutes(1));
        List<String> chunks = new ArrayList<>();
        int customers = 0;
        int subscriptions = 0;
        for (List<CustomerAzureSubscriptions> page : pages) {
            String name = String.format("g%d/%06d-another.json", number, chunks.size());
            container.getBlobClient(name).upload(json(page.stream().map(customer -> new StoredCustomer(
                    customer.tenantId(), customer.azureSubscriptionIds(), customer.inactive(), startedAt,
                    customer.companyName())).toList()), true);
            chunks.add(name);
            customers += page.size();
            subscriptions += page.stream().mapToInt(c -> c.azureSubscriptionIds().size() + c.inactive().size()).sum();
        }
        container.getBlobClient(STATE).upload(json(new WalkState(number + 1, completedAt,
                StoredPosition.of(WalkPosition.START), 0, List.of(), new Generation(number, startedAt, completedAt,
                        customers, subscriptions, chunks, List.of()), Map.of(), List.of())), true);
        return chunks;
    }

    private static BinaryData json(Object value) {
        try {
            return BinaryData.fromBytes(MAPPER.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
