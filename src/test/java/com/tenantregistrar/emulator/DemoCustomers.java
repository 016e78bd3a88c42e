package com.tenantregistrar.emulator;

import static com.tenantregistrar.emulator.PartnerCenterState.AZURE_PLAN_OFFER;
import static com.tenantregistrar.emulator.PartnerCenterState.LEGACY_AZURE_OFFER;
import static com.tenantregistrar.emulator.PartnerCenterState.OFFICE_OFFER;

import java.util.List;

import com.tenantregistrar.registration.Registration;

/**
 * The demo partner of {@code mvn -Plocal}: a handful of customers, one per case of the zero-touch desired state,
 * and what the demo registrations already hold, so that the first drift report shows every kind of finding.
 */
final class DemoCustomers {

    private DemoCustomers() {
    }

    static void seed(PartnerCenterState partnerCenter, EmulatorState arm) {
        // One Azure plan with one active Azure subscription, not registered yet: missing everywhere.
        partnerCenter.addCustomer("3e8cde5f-3f9a-4615-a263-928dd1f1367e", "Contoso")
                .addSubscription("3e8cde5f-3f9a-4615-a263-928dd1f1367e", "29a7487e-58e0-4211-8940-9ae99c8a1ff4",
                        AZURE_PLAN_OFFER, "active")
                .addAzureEntitlement("3e8cde5f-3f9a-4615-a263-928dd1f1367e", "29a7487e-58e0-4211-8940-9ae99c8a1ff4",
                        "3473e9c1-e0b0-47f8-9100-4544064a3aa8", "active");
        // Two active Azure subscriptions, one already registered: that one wins.
        partnerCenter.addCustomer("10206aa3-9bf5-4304-affc-fd970c3b7813", "Fabrikam")
                .addSubscription("10206aa3-9bf5-4304-affc-fd970c3b7813", "a30ef533-9667-4c13-9859-954ed1029060",
                        AZURE_PLAN_OFFER, "active")
                .addAzureEntitlement("10206aa3-9bf5-4304-affc-fd970c3b7813", "a30ef533-9667-4c13-9859-954ed1029060",
                        "9bd5dad9-cd3d-4b5a-b5be-5e54ad6124a5", "active")
                .addAzureEntitlement("10206aa3-9bf5-4304-affc-fd970c3b7813", "a30ef533-9667-4c13-9859-954ed1029060",
                        "c19e4ae4-5c2f-4839-b90e-360d5a65e8a5", "active");
        // Two active Azure subscriptions, neither registered: ambiguous, never guessed.
        partnerCenter.addCustomer("65573c8a-9a98-48c6-bbf5-5807746d1a4e", "Adatum")
                .addSubscription("65573c8a-9a98-48c6-bbf5-5807746d1a4e", "3d761089-d2bd-427b-afe7-178d9abc9e42",
                        AZURE_PLAN_OFFER, "active")
                .addAzureEntitlement("65573c8a-9a98-48c6-bbf5-5807746d1a4e", "3d761089-d2bd-427b-afe7-178d9abc9e42",
                        "9d43673a-d1a1-4e6b-91cf-eda1bf2fc655", "active")
                .addAzureEntitlement("65573c8a-9a98-48c6-bbf5-5807746d1a4e", "3d761089-d2bd-427b-afe7-178d9abc9e42",
                        "816e1e23-822d-4b96-bc20-95aa316e6dbf", "active");
        // A suspended plan, whose subscription is still registered on one registration: unexpected.
        partnerCenter.addCustomer("9ad1ee2c-a875-4662-9534-c45f23e8141b", "Tailspin Toys")
                .addSubscription("9ad1ee2c-a875-4662-9534-c45f23e8141b", "0381c518-dd24-4f30-8e3f-b8f3dec23d16",
                        AZURE_PLAN_OFFER, "suspended")
                .addAzureEntitlement("9ad1ee2c-a875-4662-9534-c45f23e8141b", "0381c518-dd24-4f30-8e3f-b8f3dec23d16",
                        "7b580a48-87b2-46ca-b6d5-db231cf30e6c", "active");
        // An active plan whose only Azure subscription is disabled: nothing to register.
        partnerCenter.addCustomer("77d422cb-bdd9-4184-9661-ba10b61fced2", "Northwind Traders")
                .addSubscription("77d422cb-bdd9-4184-9661-ba10b61fced2", "02b42ed5-535b-48db-9ea3-6c9c8895b65a",
                        AZURE_PLAN_OFFER, "active")
                .addAzureEntitlement("77d422cb-bdd9-4184-9661-ba10b61fced2", "02b42ed5-535b-48db-9ea3-6c9c8895b65a",
                        "8d5f44a8-4da8-4f4b-b5e8-d460ebc27223", "disabled");
        // Office only: no Azure at all.
        partnerCenter.addCustomer("f32a9e75-9660-408b-93cc-9f5a011c24eb", "Wingtip Toys")
                .addSubscription("f32a9e75-9660-408b-93cc-9f5a011c24eb", "dae03953-6ad2-4598-ab6f-22a1aad922b2",
                        OFFICE_OFFER, "active");
        // A legacy CSP Azure offer: its entitlementId is the Azure subscription.
        partnerCenter.addCustomer("7b0b864c-0c6a-41a7-b8f7-b6ead655ae0a", "Litware")
                .addSubscription("7b0b864c-0c6a-41a7-b8f7-b6ead655ae0a", "8d8472a9-4dbf-44b4-85f8-82fc15987822",
                        LEGACY_AZURE_OFFER, "active", "888c9520-befc-4438-be1b-e0893a0d2cb0");

        List<Registration> registrations = arm.registrations();
        registrations.forEach(registration -> arm.seed(registration, "9bd5dad9-cd3d-4b5a-b5be-5e54ad6124a5",
                "10206aa3-9bf5-4304-affc-fd970c3b7813"));
        arm.seed(registrations.get(0), "7b580a48-87b2-46ca-b6d5-db231cf30e6c", "9ad1ee2c-a875-4662-9534-c45f23e8141b");
    }
}
