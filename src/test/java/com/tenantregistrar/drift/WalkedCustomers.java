package com.tenantregistrar.drift;

import static com.tenantregistrar.drift.DesiredStateFile.manifest;
import static com.tenantregistrar.drift.ResumableWalkTest.azure;
import static com.tenantregistrar.drift.ResumableWalkTest.customer;

import com.tenantregistrar.emulator.PartnerCenterState;

/** The Partner Center of the walk's tests: customer i with one active Azure plan holding Azure subscription i. */
final class WalkedCustomers {

    private WalkedCustomers() {
    }

    /** Resets Partner Center to {@code count} such customers, {@code perPage} a page, and writes an empty manifest. */
    static void seed(PartnerCenterState partnerCenter, int count, int perPage) {
        partnerCenter.reset();
        partnerCenter.pageSize(perPage);
        DesiredStateFile.write(manifest());
        for (int i = 0; i < count; i++) {
            String plan = String.format("e%07d-0000-4000-8000-000000000000", i);
            partnerCenter.addCustomer(customer(i), "Customer " + i)
                    .addSubscription(customer(i), plan, PartnerCenterState.AZURE_PLAN_OFFER, "active")
                    .addAzureEntitlement(customer(i), plan, azure(i), "active");
        }
    }
}
