package com.tenantregistrar.partnercenter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.tenantregistrar.config.RegistrarConfig;
import com.tenantregistrar.error.ErrorBody;
import com.tenantregistrar.error.InvalidRequestException;
import com.tenantregistrar.error.RegistrarException;
import com.tenantregistrar.partnercenter.SubscriptionChange.Lifecycle;
import com.tenantregistrar.registration.Guid;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Who should be registered, as Partner Center knows it: every customer (page after page) → its subscriptions →
 * each active Azure plan's active {@code azureEntitlements} (the Azure subscriptions), and each active legacy CSP
 * Azure subscription's {@code entitlementId}. Suspended or deleted plans, entitlements that are not active and other
 * products give nothing.
 * <p>
 * A walk reads at most {@code REGISTRAR_PARTNER_CENTER_MAX_CONCURRENCY} customers at once, page after page, and
 * stops when {@code REGISTRAR_PARTNER_CENTER_BUDGET} is spent. It never fails: a page or customer that cannot be read
 * after the retries, or the budget spent, ends it incomplete with the reason, keeping what it read and where it
 * stopped, so that a later walk can go on from there ({@link #walk(WalkPosition, Hooks)}), unless the caller says
 * to step over that customer ({@link Hooks#stepOver}). A page whose continuation token Partner Center refuses (it
 * no longer accepts a saved one) starts the walk again from the first page, once.
 */
@ApplicationScoped
public class PartnerCenterDirectory {

    private static final Logger LOG = Logger.getLogger(PartnerCenterDirectory.class);

    /** Customers per page: the most Microsoft's Java SDK asks for. */
    static final int PAGE_SIZE = 500;

    /** Guards against a {@code links.next} loop; 100,000 pages is far beyond any partner. */
    private static final int MAX_PAGES = 100_000;

    /** The error code of a walk whose continuation token Partner Center refused twice in one run. */
    public static final String CONTINUATION_REFUSED = "PartnerCenterContinuationRefused";

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
        Queue<CustomerAzureSubscriptions> found = new ConcurrentLinkedQueue<>();
        Hooks hooks = new Hooks() {
            @Override
            public Mono<Void> afterEachPage(WalkStep step) {
                return Mono.fromRunnable(() -> found.addAll(step.customers()));
            }

            @Override
            public Mono<Void> restart() {
                return Mono.fromRunnable(found::clear);
            }
        };
        return walk(WalkPosition.START, hooks).map(end -> {
            found.addAll(end.unsaved().customers());
            return PartnerCenterSnapshot.of(found, end.complete(), end.error(), null, end.restarted(), List.of());
        });
    }

    /** What the caller of a walk does along it. */
    public interface Hooks {

        /** Saves one page's reads; the walk goes on to the next page when it completes. */
        Mono<Void> afterEachPage(WalkStep step);

        /** Forgets what the walk handed on so far: it starts again from the first page. */
        Mono<Void> restart();

        /**
         * Whether a customer whose read just failed, after the retries, with a failure of its own (403, 404, a
         * refused answer) is stepped over, so that the walk goes on without it; else the walk stops there.
         */
        default boolean stepOver(String customerId) {
            return false;
        }
    }

    /**
     * Where a walk of the customers stands: the request of the page to read next, and how many of that page's
     * customers were read already.
     */
    public record WalkPosition(PartnerCenterClient.Link page, int index) {

        /** The first customer. */
        public static final WalkPosition START = new WalkPosition(
                new PartnerCenterClient.Link("/customers?size=" + PAGE_SIZE, Map.of()), 0);
    }

    /**
     * What a walk read since it last handed its reads on.
     *
     * @param customers every customer read, with or without Azure subscriptions, by tenant ID
     * @param next where the walk goes on; empty when it read the last customer
     */
    public record WalkStep(List<CustomerAzureSubscriptions> customers, List<CustomerFailure> steppedOver,
            Optional<WalkPosition> next) {

        public WalkStep {
            steppedOver = List.copyOf(steppedOver);
        }
    }

    /**
     * How a walk ended.
     *
     * @param unsaved what it read after the last page it handed on, and where to go on from
     * @param complete whether it read the last customer
     * @param error why it stopped before; null when complete
     * @param failed the customer whose own failure stopped it (403, 404, a refused answer), if one did
     * @param restarted whether it started again from the first page, its continuation token refused
     */
    public record WalkEnd(WalkStep unsaved, boolean complete, ErrorBody error, CustomerFailure failed,
            boolean restarted) {
    }

    /**
     * Reads the customers from {@code from} on, and hands each page's reads to the hooks (to save them) before it
     * goes on to the next page; stops when the budget is spent, a read fails (unless the hooks step over its
     * customer) or a hand-over fails. Only Partner Center's reads count against the budget; a hand-over is never cut
     * short by it.
     */
    public Mono<WalkEnd> walk(WalkPosition from, Hooks hooks) {
        requireConfigured();
        return Mono.defer(() -> {
            Walk walk = new Walk(Instant.now().plus(budget()), hooks);
            return walk.from(from).onErrorResume(Restart.class, restart -> walk.from(WalkPosition.START))
                    .then(Mono.fromSupplier(walk::completed))
                    .onErrorResume(failure -> Mono.just(walk.cut(failure)));
        });
    }

    /** One walk: the page it is on and which of that page's customers it read or stepped over. */
    private final class Walk {

        private final Instant deadline;
        private final Hooks hooks;
        private final Set<String> links = new HashSet<>();
        private final Map<Integer, CustomerAzureSubscriptions> read = new ConcurrentHashMap<>();
        private final Map<Integer, CustomerFailure> steppedOver = new ConcurrentHashMap<>();
        private final Set<Integer> done = ConcurrentHashMap.newKeySet();
        private volatile WalkPosition at;
        private volatile boolean restarted;
        private volatile CustomerFailure failed;

        Walk(Instant deadline, Hooks hooks) {
            this.deadline = deadline;
            this.hooks = hooks;
        }

        Mono<Void> from(WalkPosition position) {
            if (!links.add(position.page().path() + position.page().headers()) || links.size() > MAX_PAGES) {
                return Mono.error(new PartnerCenterException(502, "PartnerCenterRejected", "Partner Center answered "
                        + "the list of customers with a paging that does not end (a next link repeats).", null, null));
            }
            at = position;
            forgetPage();
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                return Mono.error(new TimeoutException());
            }
            return client.page(position.page(), "the list of customers")
                    .onErrorResume(PartnerCenterException.class, failure -> refusedContinuation(position, failure))
                    .flatMap(page -> readCustomers(page.items(), position.index())
                            .then(Mono.fromSupplier(() -> page.next().map(link -> new WalkPosition(link, 0)))))
                    .timeout(left)
                    .flatMap(next -> hooks.afterEachPage(new WalkStep(sorted(read.values()),
                                    List.copyOf(steppedOver.values()), next))
                            .then(Mono.defer(() -> {
                                forgetPage();
                                at = next.orElse(null);
                                return next.map(this::from).orElse(Mono.empty());
                            })));
        }

        private void forgetPage() {
            read.clear();
            steppedOver.clear();
            done.clear();
        }

        /**
         * A page asked with a continuation token that Partner Center refuses: the token is no longer good (a saved
         * one expired), so the walk starts again from the first page, once; refused again, the walk stops.
         */
        private Mono<PartnerCenterClient.Page> refusedContinuation(WalkPosition position, PartnerCenterException failure) {
            boolean continued = position.page().headers().keySet().stream()
                    .anyMatch(PartnerCenterClient.CONTINUATION::equalsIgnoreCase);
            if (!continued || !failure.refusedRequest()) {
                return Mono.error(failure);
            }
            if (restarted) {
                return Mono.error(new PartnerCenterException(503, CONTINUATION_REFUSED, "Partner Center refused "
                        + "the continuation token of the list of customers again after the walk started again from "
                        + "the first page (" + failure.getMessage() + "); the next run walks from the first page.",
                        null, failure));
            }
            restarted = true;
            LOG.warnf("Partner Center refused the continuation token of the list of customers (%s); the walk "
                    + "starts again from the first customer", failure.getMessage());
            links.clear();
            return hooks.restart().then(Mono.error(new Restart()));
        }

        private Mono<Void> readCustomers(List<JsonNode> items, int from) {
            return Flux.range(from, Math.max(0, items.size() - from))
                    .flatMap(i -> {
                        String tenantId = SubscriptionChange.lower(items.get(i).path("id").asText(""));
                        if (!Guid.isGuid(tenantId)) {
                            // Not skipped: a customer that cannot be named is unknown, so its page is not read.
                            return Mono.error(new PartnerCenterException(502, "PartnerCenterRejected",
                                    "Partner Center answered the list of customers with a customer without a valid "
                                            + "id (item " + i + " of its page); the walk stops there.", null, null));
                        }
                        String name = items.get(i).path("companyProfile").path("companyName").asText(null);
                        return azureSubscriptions(tenantId).map(customer -> customer.named(name)).doOnNext(customer -> {
                            read.put(i, customer);
                            done.add(i);
                        }).onErrorResume(PartnerCenterException.class, failure -> customerFailed(i, tenantId,
                                failure));
                    }, config.partnerCenter().maxConcurrency())
                    .then();
        }

        /** A customer's own failure is stepped over when the hooks say so; else it stops the walk, named. */
        private Mono<CustomerAzureSubscriptions> customerFailed(int index, String tenantId,
                PartnerCenterException failure) {
            if (!customersOwn(failure)) {
                return Mono.error(failure);
            }
            CustomerFailure named = new CustomerFailure(tenantId, ErrorBody.of(failure));
            if (!hooks.stepOver(tenantId)) {
                failed = named;
                return Mono.error(failure);
            }
            LOG.warnf("Partner Center customer %s is stepped over for the rest of this generation: its read "
                    + "failed in REGISTRAR_PARTNER_CENTER_MAX_CUSTOMER_FAILURES runs in a row (%s %s); its tenant "
                    + "is undecided, and the next generation reads it again", tenantId, failure.code(),
                    failure.getMessage());
            steppedOver.put(index, named);
            done.add(index);
            return Mono.empty();
        }

        WalkEnd completed() {
            return new WalkEnd(new WalkStep(List.of(), List.of(), Optional.empty()), true, null, null, restarted);
        }

        /** Ends the walk on {@code failure}: what it read of the page it was on, and where that page goes on. */
        WalkEnd cut(Throwable failure) {
            ErrorBody error = ErrorBody.of(known(failure));
            WalkPosition position = at;
            if (position == null) {
                return new WalkEnd(new WalkStep(List.of(), List.of(), Optional.empty()), false, error, failed,
                        restarted);
            }
            int index = position.index();
            while (done.contains(index)) {
                index++;
            }
            return new WalkEnd(new WalkStep(sorted(read.values()), List.copyOf(steppedOver.values()),
                    Optional.of(new WalkPosition(position.page(), index))), false, error, failed, restarted);
        }
    }

    /** Signals, within a walk, that it starts again from the first page. */
    private static final class Restart extends RuntimeException {

        Restart() {
            super(null, null, false, false);
        }
    }

    /**
     * Whether a customer's read failed for a reason of that customer's (Partner Center refused or does not know its
     * subscriptions, or answered them malformed), which a later run is unlikely to cure by itself; throttling,
     * outages and the app's token are everyone's and never count against one customer.
     */
    static boolean customersOwn(PartnerCenterException failure) {
        return failure.status() == 403 || failure.status() == 404 || failure.status() == 502;
    }

    private static List<CustomerAzureSubscriptions> sorted(Collection<CustomerAzureSubscriptions> customers) {
        List<CustomerAzureSubscriptions> sorted = new ArrayList<>(customers);
        sorted.sort(Comparator.comparing(CustomerAzureSubscriptions::tenantId));
        return sorted;
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
                .filter(subscription -> subscription.azure() && subscription.lifecycle() != Lifecycle.GONE)
                .concatMap(subscription -> subscription.product() == SubscriptionChange.Product.AZURE_PLAN
                        ? entitlements(subscription)
                        : Flux.fromStream(subscription.legacyAzureSubscriptionId().stream()
                                .map(id -> new AzureSubscription(id, subscription.status()))))
                .collectList()
                .map(found -> customer(tenantId, found));
    }

    /** An Azure subscription Partner Center lists for a customer, with the status it has there. */
    private record AzureSubscription(String id, String status) {

        boolean active() {
            return Lifecycle.of(status) == Lifecycle.ACTIVE;
        }
    }

    /** The active subscriptions, each once; the inactive ones that are not also active through another offer. */
    private static CustomerAzureSubscriptions customer(String tenantId, List<AzureSubscription> found) {
        List<String> active = found.stream().filter(AzureSubscription::active).map(AzureSubscription::id).distinct()
                .toList();
        Map<String, String> inactive = new LinkedHashMap<>();
        found.stream().filter(s -> !s.active()).forEach(s -> inactive.putIfAbsent(s.id(), s.status()));
        return new CustomerAzureSubscriptions(tenantId, active, inactive);
    }

    /**
     * The Azure subscriptions of an Azure plan that is not gone: an entitlement's own status, except that a plan
     * that is not active makes all of them inactive with its status (a suspended plan suspends its subscriptions).
     * Deleted or cancelled entitlements are left out.
     */
    private Flux<AzureSubscription> entitlements(SubscriptionChange plan) {
        String path = "/customers/" + plan.tenantId() + "/subscriptions/" + plan.subscriptionId()
                + "/azureEntitlements";
        return client.items(path, "the Azure entitlements of plan " + plan.subscriptionId() + " of customer "
                        + plan.tenantId())
                .map(entitlement -> new AzureSubscription(SubscriptionChange.lower(entitlement.path("id").asText("")),
                        SubscriptionChange.lower(entitlement.path("status").asText(""))))
                .filter(entitlement -> !entitlement.id().isEmpty()
                        && Lifecycle.of(entitlement.status()) != Lifecycle.GONE)
                .map(entitlement -> plan.active() ? entitlement : new AzureSubscription(entitlement.id(), plan.status()))
                .doOnNext(entitlement -> {
                    if (!entitlement.active()) {
                        LOG.debugf("Azure subscription %s of customer %s is %s in Partner Center: kept where it is "
                                + "registered, not added", entitlement.id(), plan.tenantId(), entitlement.status());
                    }
                });
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
