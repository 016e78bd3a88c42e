package com.tenantregistrar.coverage;

import com.tenantregistrar.driftreports.DriftReportStore;
import com.tenantregistrar.journal.MissingEntries;
import com.tenantregistrar.storage.StateStorage;

/** What the coverage reads, cleared before each test: the kept drift reports and the missing memory. */
final class CoverageState {

    private CoverageState() {
    }

    static void clear(StateStorage storage, MissingEntries missing) {
        var reports = storage.container(DriftReportStore.CONTAINER);
        if (reports.exists()) {
            reports.listBlobs().forEach(blob -> reports.getBlobClient(blob.getName()).delete());
        }
        missing.all().forEach(entry -> missing.close(entry.registration(), entry.customerSubscriptionId()));
    }
}
