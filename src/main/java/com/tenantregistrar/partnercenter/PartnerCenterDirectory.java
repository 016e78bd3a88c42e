package com.tenantregistrar.partnercenter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.tenantregistrar.config.RegistrarConfig;
import com.tenantregistrar.error.ErrorBody;
import com.tenantregistrar.error.InvalidRequestException;
import com.tenantregistrar.error.RegistrarException;
import com.tenantregistrar.registration.Guid;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Who should be registered, as Partner Center knows it: every customer (page after page) → its subscriptions →
 * each active Azure plan's active {@code azureEntitlements} (the Azure subscriptions), and each active legacy CSP
 * Azure subscription's {@code entitlementId}. Suspended or deleted plans, entitlements that are not active and other
 * products give nothing.
 * <p>
 * A walk reads at most {@code REGISTRAR_PARTNER_CENTER_MAX_CONCURRENCY} customers at once and stops when
 * {@code REGISTRAR_PARTNER_CENTER_BUDGET} is spent. It never fails: a page or customer that cannot be read after
 * the retries, or the budget spent, ends it incomplete with the reason, keeping what it read.
 */
@ApplicationScoped
public class PartnerCenterDirectory {

    private static final Logger LOG = Logger.getLogger(PartnerCenterDirectory.class);

    /** Customers per page: the most Microsoft's Java SDK asks for. */
    static final int PAGE_SIZE = 500;

    private final PartnerCenterConnection connection;
    private final PartnerCenterClient client;
    private final RegistrarConfig config;

    @Inject
    public PartnerCenterDirectory(PartnerCenterConnection connection, PartnerCenterClient client,
            RegistrarConfig config) {
        this.connection = connection;
        this.client = client;
        this.config = config;
    }

    /** Whether Partner Center is a source: {@code REGISTRAR_PARTNER_CENTER_CLIENT_ID} is set. */
    public boolean configured() {
        return connection.configured();
    }

    /** Every customer's Azure subscriptions; incomplete, with the reason, rather than failed. */
    public Mono<PartnerCenterSnapshot> walk() {
        requireConfigured();
        return Mono.defer(() -> {
            Queue<CustomerAzureSubscriptions> found = new ConcurrentLinkedQueue<>();
            AtomicInteger customers = new AtomicInteger();
            return client.items("/customers?size=" + PAGE_SIZE, "the list of customers")
                    .map(customer -> SubscriptionChange.lower(customer.path("id").asText("")))
                    .filter(tenantId -> !tenantId.isEmpty())
                    .doOnNext(tenantId -> customers.incrementAndGet())
                    .flatMap(this::azureSubscriptions, config.partnerCenter().maxConcurrency())
                    .filter(customer -> !customer.azureSubscriptionIds().isEmpty())
                    .doOnNext(found::add)
                    .then(Mono.fromSupplier(() -> snapshot(found, customers, null)))
                    .timeout(budget(), Mono.fromSupplier(() -> snapshot(found, customers, budgetSpent())))
                    .onErrorResume(failure -> Mono.just(snapshot(found, customers, ErrorBody.of(known(failure)))));
        });
    }

    /**
     * One customer's Azure subscriptions (for a webhook event).
     *
     * @return fails with a {@link RegistrarException}: 404 {@code PartnerCenterNotFound} for a customer Partner
     *     Center does not know, 503 for what a retry may cure
     */
    public Mono<CustomerAzureSubscriptions> customer(String tenantId) {
        requireConfigured();
        return azureSubscriptions(guid("tenantId", tenantId)).timeout(budget(), Mono.error(this::budgetException));
    }

    /**
     * One subscription of a customer: which product it is and whether it is active.
     *
     * @return fails as {@link #customer(String)} does
     */
    public Mono<SubscriptionChange> subscription(String tenantId, String subscriptionId) {
        requireConfigured();
        String customer = guid("tenantId", tenantId);
        String subscription = guid("subscriptionId", subscriptionId);
        return client.get("/customers/" + customer + "/subscriptions/" + subscription,
                        "the subscription " + subscription + " of customer " + customer)
                .map(resource -> SubscriptionChange.of(customer, resource))
                .timeout(budget(), Mono.error(this::budgetException));
    }

    private Mono<CustomerAzureSubscriptions> azureSubscriptions(String tenantId) {
        return client.items("/customers/" + tenantId + "/subscriptions", "the subscriptions of customer " + tenantId)
                .map(subscription -> SubscriptionChange.of(tenantId, subscription))
                .filter(SubscriptionChange::registrable)
                .concatMap(subscription -> switch (subscription.product()) {
                    case AZURE_PLAN -> entitlements(subscription);
                    case LEGACY_AZURE -> Flux.fromStream(subscription.legacyAzureSubscriptionId().stream());
                    case OTHER -> Flux.empty();
                })
                .distinct()
                .collectList()
                .map(ids -> new CustomerAzureSubscriptions(tenantId, ids));
    }

    /** The active Azure subscriptions of an active Azure plan. */
    private Flux<String> entitlements(SubscriptionChange plan) {
        String path = "/customers/" + plan.tenantId() + "/subscriptions/" + plan.subscriptionId()
                + "/azureEntitlements";
        return client.items(path, "the Azure entitlements of plan " + plan.subscriptionId() + " of customer "
                        + plan.tenantId())
                .filter(entitlement -> {
                    boolean active = "active".equalsIgnoreCase(entitlement.path("status").asText(""));
                    if (!active) {
                        LOG.debugf("Azure subscription %s of customer %s is %s in Partner Center, not registered",
                                entitlement.path("id").asText(), plan.tenantId(), entitlement.path("status").asText());
                    }
                    return active;
                })
                .map(entitlement -> SubscriptionChange.lower(entitlement.path("id").asText("")))
                .filter(id -> !id.isEmpty());
    }

    private static PartnerCenterSnapshot snapshot(Queue<CustomerAzureSubscriptions> found, AtomicInteger customers,
            ErrorBody error) {
        List<CustomerAzureSubscriptions> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparing(CustomerAzureSubscriptions::tenantId));
        int subscriptions = sorted.stream().mapToInt(customer -> customer.azureSubscriptionIds().size()).sum();
        return new PartnerCenterSnapshot(sorted, customers.get(), subscriptions, error == null, error);
    }

    private ErrorBody budgetSpent() {
        return ErrorBody.of(budgetException());
    }

    private RegistrarException budgetException() {
        return new PartnerCenterException(503, "PartnerCenterBudgetSpent", "Reading Partner Center took longer "
                + "than REGISTRAR_PARTNER_CENTER_BUDGET (" + budget() + ") allows; what was not read is unknown, "
                + "not absent.", null, null);
    }

    /** A failure the walk ends with, as the app's: a defect is logged with its stack trace. */
    private RegistrarException known(Throwable failure) {
        if (failure instanceof RegistrarException registrar) {
            return registrar;
        }
        if (failure instanceof TimeoutException) {
            return budgetException();
        }
        LOG.error("Unexpected failure while reading Partner Center", failure);
        return new RegistrarException(500, "InternalError", "Reading Partner Center failed unexpectedly; the "
                + "failure is in the app's log.");
    }

    private Duration budget() {
        return config.partnerCenter().budget();
    }

    private void requireConfigured() {
        if (!configured()) {
            throw new IllegalStateException("Partner Center is not configured (REGISTRAR_PARTNER_CENTER_CLIENT_ID)");
        }
    }

    private static String guid(String field, String raw) {
        if (!Guid.isGuid(raw)) {
            throw new InvalidRequestException("'" + field + "' must be a GUID, not '" + raw + "'.");
        }
        return new Guid(raw).value();
    }
}
