package com.tenantregistrar.webhook;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.tenantregistrar.emulator.EmulatorState.ArmRequest;
import com.tenantregistrar.emulator.PartnerCenterState;
import com.tenantregistrar.registration.Registration;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A subscription-updated event on registrations of 2,000 entries each (the emulated ARM counts every request): it
 * reads with a GET per entry only the customer's subscriptions on each registration, so that its ARM calls do not
 * grow with the registrations; the whole list only of a registration where the customer's entry is missing, since
 * the PUT must not unmap the tenant's other subscription there (one per tenant), which only the list shows.
 */
@QuarkusTest
@TestProfile(WebhookAutoRegisterTest.AutoRegister.class)
class WebhookReadsWhatItNeedsTest extends WebhookTestSupport {

    private static final String PLAN = "f1000000-0000-4000-8000-00000000000a";
    /** Another subscription of the same tenant, which Partner Center no longer lists. */
    private static final String OLD = "e09a4e93-0000-4000-8000-0000000000aa";
    private static final int ENTRIES = 2_000;
    private static final int PAGE = 200;
    private static final int PAGES = (ENTRIES + PAGE - 1) / PAGE;

    @Inject
    PartnerCenterState partnerCenter;

    private String url;

    /** TENANT's one active Azure subscription SUBSCRIPTION; 2,000 other customers on each registration. */
    @BeforeEach
    void largeRegistrations() {
        customerWithAzurePlan(partnerCenter, PLAN);
        arm.pageSize(PAGE);
        for (Registration registration : List.of(east(), west())) {
            for (int i = 0; i < ENTRIES; i++) {
                arm.seed(registration, String.format("0b000000-0000-4000-8000-%012d", i),
                        String.format("0c000000-0000-4000-8000-%012d", i));
            }
        }
        url = publish(KIT.signer);
    }

    private void deliver(String status) {
        signed(subscriptionUpdated(TENANT, PLAN), KIT.signer, url).post("/partnerCenterWebhook").then()
                .statusCode(200).body("status", equalTo(status));
    }

    private List<ArmRequest> lists(Registration registration) {
        String collection = registration.customerSubscriptionsCollection();
        return armCalls("GET").stream().filter(c -> c.path().equalsIgnoreCase(collection)).toList();
    }

    @Test
    void aCustomerRegisteredEverywhereCostsOneGetPerRegistrationWhateverTheirSize() {
        arm.seed(east(), SUBSCRIPTION, TENANT);
        arm.seed(west(), SUBSCRIPTION, TENANT);

        deliver("ignored");
        assertEquals(List.of("GET " + SUBSCRIPTION, "GET " + SUBSCRIPTION), armCalls().stream()
                .map(c -> c.method() + " " + c.path().substring(c.path().lastIndexOf('/') + 1)).toList(),
                "one GET of the customer's entry on each registration, no list");
    }

    @Test
    void aMissingEntryReadsTheListOfThatRegistrationOnlyThenRegistersIt() {
        arm.seed(east(), SUBSCRIPTION, TENANT);

        signed(subscriptionUpdated(TENANT, PLAN), KIT.signer, url).post("/partnerCenterWebhook").then()
                .statusCode(200).body("status", equalTo("registered"))
                .body("results.registration", contains("west"));
        assertEquals(List.of(), lists(east()), "east holds the entry: its list is not read");
        assertEquals(PAGES, lists(west()).size(), "west's list, every page, once");
        assertEquals(1, armCalls("PUT").size());
        assertEquals(2 + PAGES + 1, armCalls().size(), "two entry GETs, west's pages, one PUT");
    }

    @Test
    void theTenantsOtherEntryFoundInTheListIsNeverUnmapped() {
        arm.seed(east(), SUBSCRIPTION, TENANT);
        arm.seed(west(), OLD, TENANT);

        deliver("ignored");
        assertEquals(List.of(), armCalls("PUT"), "registering it would unmap " + OLD + ": the webhook never replaces");
        assertEquals(TENANT, arm.customersOf(west()).get(OLD));
    }
}
