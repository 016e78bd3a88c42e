package com.tenantregistrar.partnercenter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.partnercenter.PartnerCenterDirectory.WalkPosition;
import com.tenantregistrar.partnercenter.PartnerCenterWalk.Generation;
import com.tenantregistrar.partnercenter.PartnerCenterWalk.StoredCustomer;
import com.tenantregistrar.partnercenter.PartnerCenterWalk.StoredPosition;
import com.tenantregistrar.partnercenter.PartnerCenterWalk.WalkState;
import com.tenantregistrar.storage.StateStorage;

/** Where the stored Partner Center walk lives, for tests in other packages, and a walk stored as another run's. */
public final class WalkStorage {

    public static final String CONTAINER = PartnerCenterWalk.CONTAINER;
    public static final String STATE = PartnerCenterWalk.STATE;
    public static final String LOCK = PartnerCenterWalk.LOCK;

    private WalkStorage() {
    }

    /**
     * Stores, as another instance's walk would have, complete generation {@code number} begun at {@code startedAt}
     * (and ended a minute later): one chunk per page of {@code pages}, and a state naming it the last complete
     * generation, the next not begun. Answers the chunks' blob names.
     */
    public static List<String> storeCompleteGeneration(StateStorage storage, ObjectMapper mapper, long number,
            Instant startedAt, List<List<CustomerAzureSubscriptions>> pages) {
        BlobContainerClient container = storage.container(CONTAINER);
        Instant completedAt = startedAt.plus(Duration.ofMinutes(1));
        List<String> chunks = new ArrayList<>();
        int customers = 0;
        for (List<CustomerAzureSubscriptions> page : pages) {
            String name = String.format("g%d/%06d-another.json", number, chunks.size());
            container.getBlobClient(name).upload(json(mapper, page.stream().map(customer -> new StoredCustomer(
                    customer.tenantId(), customer.azureSubscriptionIds(), startedAt)).toList()), true);
            chunks.add(name);
            customers += page.size();
        }
        container.getBlobClient(STATE).upload(json(mapper, new WalkState(number + 1, completedAt,
                StoredPosition.of(WalkPosition.START), 0, List.of(), new Generation(number, startedAt, completedAt,
                        customers, chunks))), true);
        return chunks;
    }

    private static BinaryData json(ObjectMapper mapper, Object value) {
        try {
            return BinaryData.fromBytes(mapper.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
