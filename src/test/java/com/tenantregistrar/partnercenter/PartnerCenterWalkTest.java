package com.tenantregistrar.partnercenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.tenantregistrar.LogCapture;
import com.tenantregistrar.drift.DriftReport;
import com.tenantregistrar.drift.RemovalPolicy;
import com.tenantregistrar.emulator.Fault;
import com.tenantregistrar.emulator.PartnerCenterState.CallKind;
import com.tenantregistrar.emulator.PartnerCenterState.PartnerCenterRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The walk of every customer, and the webhook's reads of one, through the federated credential (the emulated
 * managed identity's token as client assertion) against the emulated Entra and Partner Center.
 */
@QuarkusTest
@TestProfile(PartnerCenterProfiles.Federated.class)
class PartnerCenterWalkTest extends PartnerCenterTestSupport {

    @RegisterExtension
    LogCapture log = new LogCapture();

    private static final String PLAN = "plan";

    /** Customer {@code n} with one active Azure plan holding the given active Azure subscriptions. */
    private void customerWithPlan(int n, String... azureSubscriptions) {
        partnerCenter.addCustomer(guid(n), "Customer " + n).addSubscription(guid(n), guid(n + 0x100), AZURE_PLAN,
                "active");
        for (String subscription : azureSubscriptions) {
            partnerCenter.addAzureEntitlement(guid(n), guid(n + 0x100), subscription, "active");
        }
    }

    @Test
    void everyPageIsReadAndOnlyActiveAzureSubscriptionsOfActivePlansCountWhileInactiveOnesAreKept() {
        partnerCenter.pageSize(2);
        customerWithPlan(0xA1, guid(0xA11));
        partnerCenter.addAzureEntitlement(guid(0xA1), guid(0xA1 + 0x100), guid(0xA12), "disabled");
        partnerCenter.addAzureEntitlement(guid(0xA1), guid(0xA1 + 0x100), guid(0xA13), "deleted");
        partnerCenter.addCustomer(guid(0xF1), "Deleted plan").addSubscription(guid(0xF1), guid(0xF11), AZURE_PLAN,
                "deleted").addAzureEntitlement(guid(0xF1), guid(0xF11), guid(0xF12), "active");
        partnerCenter.addCustomer(guid(0xB1), "Suspended plan").addSubscription(guid(0xB1), guid(0xB11), AZURE_PLAN,
                "suspended").addAzureEntitlement(guid(0xB1), guid(0xB11), guid(0xB12), "active");
        partnerCenter.addCustomer(guid(0xC1), "Office only").addSubscription(guid(0xC1), guid(0xC11), OFFICE,
                "active");
        partnerCenter.addCustomer(guid(0xD1), "Legacy Azure").addSubscription(guid(0xD1), guid(0xD11), LEGACY_AZURE,
                "active", guid(0xD12).toUpperCase(Locale.ROOT));
        // On the last page: a plan with two Azure subscriptions (one in upper case), beside Office.
        customerWithPlan(0xE1, guid(0xE11), guid(0xE12).toUpperCase(Locale.ROOT));
        partnerCenter.addSubscription(guid(0xE1), guid(0xE13), OFFICE, "active");

        PartnerCenterSnapshot snapshot = walk();

        assertTrue(snapshot.complete(), String.valueOf(snapshot.error()));
        assertNull(snapshot.error());
        assertEquals(6, snapshot.customerCount());
        // A disabled entitlement and a suspended plan's entitlement are inactive: kept where registered, not added.
        // Each customer is named as the list of customers names it (companyProfile.companyName).
        assertEquals(List.of(
                new CustomerAzureSubscriptions(guid(0xA1), List.of(guid(0xA11)), Map.of(guid(0xA12), "disabled"),
                        "Customer 161"),
                new CustomerAzureSubscriptions(guid(0xB1), List.of(), Map.of(guid(0xB12), "suspended"),
                        "Suspended plan"),
                new CustomerAzureSubscriptions(guid(0xD1), List.of(guid(0xD12)), Map.of(), "Legacy Azure"),
                new CustomerAzureSubscriptions(guid(0xE1), List.of(guid(0xE11), guid(0xE12)), Map.of(),
                        "Customer 225")), snapshot.customers());
        assertEquals(4, snapshot.azureSubscriptionCount());

        List<PartnerCenterRequest> pages = requests(CallKind.CUSTOMERS);
        assertEquals(3, pages.size(), "three pages of two customers");
        assertNull(pages.get(0).continuationToken());
        assertNotNull(pages.get(1).continuationToken(), "the next page carries the link's MS-ContinuationToken");
        assertNotNull(pages.get(2).continuationToken());
        // Entitlements are read for the plans that are not gone (the suspended one too), never for other products.
        assertEquals(3, partnerCenter.calls(CallKind.AZURE_ENTITLEMENTS));
        assertTrue(partnerCenter.entraRequests().stream().allMatch(r -> "client_assertion".equals(r.credential())),
                partnerCenter.entraRequests().toString());
    }

    @Test
    void aThrottledCallWaitsForRetryAfterAndKeepsItsRequestId() {
        customerWithPlan(0xA1, guid(0xA11));
        partnerCenter.inject(Fault.throttle("GET", "/azureEntitlements", 1, 1));

        PartnerCenterSnapshot snapshot = walk();

        assertTrue(snapshot.complete(), String.valueOf(snapshot.error()));
        assertEquals(List.of(new CustomerAzureSubscriptions(guid(0xA1), List.of(guid(0xA11)), Map.of(),
                "Customer 161")), snapshot.customers());
        assertEquals(1, partnerCenter.throttled());
        List<PartnerCenterRequest> tries = requests(CallKind.AZURE_ENTITLEMENTS);
        assertEquals(2, tries.size());
        assertEquals(tries.get(0).requestId(), tries.get(1).requestId(), "a retry keeps its MS-RequestId");
        // One retry, for the 429 and after its Retry-After: closing the unread 429 is no failure of its own.
        List<String> retries = log.lines().stream().map(LogCapture.Line::message)
                .filter(message -> message.contains("Partner Center try")).toList();
        assertEquals(1, retries.size(), retries.toString());
        assertTrue(retries.get(0).contains("answered 429"), retries.toString());
        assertNotEquals(tries.get(0).correlationId(), tries.get(1).correlationId());
        List<PartnerCenterRequest> all = partnerCenter.requests();
        assertEquals(all.size(), all.stream().map(PartnerCenterRequest::correlationId).distinct().count(),
                "a new MS-CorrelationId on every call");
        assertEquals(all.size() - 1, all.stream().map(PartnerCenterRequest::requestId).distinct().count(),
                "a new MS-RequestId on every call but the retry");
        assertTrue(all.stream().allMatch(r -> r.correlationId() != null && r.requestId() != null));
    }

    @Test
    void aCustomerThatCannotBeReadEndsTheWalkIncompleteWithTheReason() {
        customerWithPlan(0xA1, guid(0xA11));
        customerWithPlan(0xB1, guid(0xB11));
        partnerCenter.inject(Fault.error("GET", "/customers/" + guid(0xB1) + "/subscriptions", 503,
                "ServiceUnavailable", -1));

        PartnerCenterSnapshot snapshot = walk();

        assertFalse(snapshot.complete());
        assertEquals("PartnerCenterUnavailable", snapshot.error().code());
        assertTrue(snapshot.customers().stream().noneMatch(c -> c.tenantId().equals(guid(0xB1))));
        assertEquals(4, requests(CallKind.SUBSCRIPTIONS).stream().filter(r -> r.path().contains(guid(0xB1))).count(),
                "the first try and three retries");
    }

    @Test
    void aPageWithoutItemsIsAnIncompleteReadNotTheLastPage() {
        // 200 with paging links but no items: no proof that there are no customers.
        assertShortAnswerIsIncomplete("{\"totalCount\": 0, \"links\": {}}", "without an items array");
    }

    @Test
    void aCustomerWithoutAnIdIsAnIncompleteReadNotSkipped() {
        assertShortAnswerIsIncomplete("{\"totalCount\": 2, \"items\": [{\"id\": \"" + guid(0xA1) + "\"}, "
                + "{\"companyProfile\": {\"companyName\": \"No id\"}}], \"links\": {}}", "without a valid id");
    }

    /** The first page of customers answered 200 with {@code page}: the walk ends incomplete, nothing decided on it. */
    private void assertShortAnswerIsIncomplete(String page, String says) {
        customerWithPlan(0xA1, guid(0xA11));
        partnerCenter.inject(Fault.answer("GET", "/v1/customers", page, 1));

        PartnerCenterSnapshot snapshot = walk();

        assertFalse(snapshot.complete(), "a short answer must not complete the walk");
        assertEquals("PartnerCenterRejected", snapshot.error().code());
        assertTrue(snapshot.error().message().contains(says), snapshot.error().message());
        assertEquals(DriftReport.Reason.PARTNER_CENTER_INCOMPLETE,
                RemovalPolicy.partnerCenterHold(snapshot, Duration.ofHours(48), Instant.now()));
    }

    @Test
    void noMoreRequestsThanTheConcurrencyAreUnderWay() {
        for (int n = 1; n <= 8; n++) {
            customerWithPlan(n, guid(n + 0x1000));
        }
        partnerCenter.latency(Duration.ofMillis(50));

        PartnerCenterSnapshot snapshot = walk();

        assertTrue(snapshot.complete(), String.valueOf(snapshot.error()));
        assertEquals(8, snapshot.customers().size());
        assertEquals(8, snapshot.azureSubscriptionCount());
        assertTrue(partnerCenter.peakConcurrentRequests() <= 2,
                "REGISTRAR_PARTNER_CENTER_MAX_CONCURRENCY=2, peak " + partnerCenter.peakConcurrentRequests());
    }

    @Test
    void oneCustomerAndOneSubscriptionForTheWebhook() {
        customerWithPlan(0xA1, guid(0xA11));
        partnerCenter.addAzureEntitlement(guid(0xA1), guid(0xA1 + 0x100), guid(0xA12), "disabled");
        partnerCenter.addSubscription(guid(0xA1), guid(0xA13), AZURE_PLAN, "suspended");
        partnerCenter.addSubscription(guid(0xA1), guid(0xA14), OFFICE, "active");

        assertEquals(new CustomerAzureSubscriptions(guid(0xA1), List.of(guid(0xA11)), Map.of(guid(0xA12), "disabled")),
                directory.customer(guid(0xA1).toUpperCase(Locale.ROOT)).block(Duration.ofSeconds(30)));

        SubscriptionChange plan = directory.subscription(guid(0xA1), guid(0xA1 + 0x100)).block(Duration.ofSeconds(30));
        assertEquals(SubscriptionChange.Product.AZURE_PLAN, plan.product());
        assertTrue(plan.registrable());
        SubscriptionChange suspended = directory.subscription(guid(0xA1), guid(0xA13)).block(Duration.ofSeconds(30));
        assertTrue(suspended.azure());
        assertFalse(suspended.registrable());
        SubscriptionChange office = directory.subscription(guid(0xA1), guid(0xA14)).block(Duration.ofSeconds(30));
        assertFalse(office.azure());

        PartnerCenterException unknown = assertThrows(PartnerCenterException.class,
                () -> directory.customer(guid(0xF1)).block(Duration.ofSeconds(30)));
        assertEquals(404, unknown.status());
        assertEquals("PartnerCenterNotFound", unknown.code());
        assertEquals(404, assertThrows(PartnerCenterException.class,
                () -> directory.subscription(guid(0xA1), guid(0xF2)).block(Duration.ofSeconds(30))).status());
    }

    @Test
    void anOutlastingOutageFailsTheWebhookReadAsTransient() {
        customerWithPlan(0xA1, guid(0xA11));
        partnerCenter.inject(Fault.error("GET", "/subscriptions", 500, "InternalServerError", -1));

        PartnerCenterException failure = assertThrows(PartnerCenterException.class,
                () -> directory.customer(guid(0xA1)).block(Duration.ofSeconds(30)));
        assertEquals(503, failure.status());
        assertTrue(failure.isTransient());
    }

    private List<PartnerCenterRequest> requests(CallKind kind) {
        return partnerCenter.requests().stream().filter(r -> r.kind() == kind).collect(Collectors.toList());
    }
}
