package com.tenantregistrar.emulator;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the emulated Partner Center and Entra hold: the partner's customers, their subscriptions (Azure plans,
 * legacy CSP Azure offers, other products) and the Azure entitlements of the plans; the faults, rate limit and
 * latency it is told to apply; and the requests it received. Tests and dev seed and inspect it directly.
 */
public class PartnerCenterState {

    /** The Partner Center product ID of the Azure plan; its subscriptions' offer IDs start with it. */
    public static final String AZURE_PLAN_OFFER = "DZH318Z0BPS6:0001:DZH318Z0BML6";
    /** The legacy CSP Azure offer (Microsoft Azure): one Azure subscription, its entitlementId, per subscription. */
    public static final String LEGACY_AZURE_OFFER = "MS-AZR-0145P";
    /** An Office 365 offer, a product that is not Azure. */
    public static final String OFFICE_OFFER = "CFQ7TTC0LH18:0001:CFQ7TTC0K5DM";

    /** The kinds of Partner Center calls the emulator serves, for counting. */
    public enum CallKind {
        CUSTOMERS, SUBSCRIPTIONS, SUBSCRIPTION, AZURE_ENTITLEMENTS, OTHER
    }

    /**
     * A request the emulated Partner Center received.
     *
     * @param continuationToken its {@code MS-ContinuationToken} header, if any
     */
    public record PartnerCenterRequest(String method, String path, String query, String correlationId,
            String requestId, String continuationToken, CallKind kind) {
    }

    /**
     * A token request the emulated Entra received.
     *
     * @param credential {@code client_secret}, {@code client_assertion} or null (neither)
     * @param status the status answered; 0 when the connection was dropped
     */
    public record EntraRequest(String path, String clientId, String scope, String credential, int status) {
    }

    /** A customer of the partner; its ID is its tenant ID. */
    record Customer(String tenantId, String companyName, Map<String, Subscription> subscriptions) {
    }

    /** A Partner Center subscription; {@code entitlementId} is set for legacy Azure offers. */
    record Subscription(String id, String offerId, String status, String entitlementId,
            Map<String, Entitlement> entitlements) {
    }

    /** An Azure entitlement of an Azure plan: its ID is the Azure subscription ID. */
    record Entitlement(String id, String status, String planSubscriptionId) {
    }

    private final EmulatorState azure;
    private final int defaultPageSize;
    private final Map<String, Customer> customers = new LinkedHashMap<>();
    private final Map<String, Issued> continuations = new ConcurrentHashMap<>();
    private final Faults faults = new Faults();
    private final List<PartnerCenterRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<EntraRequest> entraRequests = Collections.synchronizedList(new ArrayList<>());
    private final Map<CallKind, AtomicInteger> calls = new EnumMap<>(CallKind.class);
    private final Deque<Long> admitted = new ArrayDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();
    private final AtomicInteger generation = new AtomicInteger();
    private volatile int pageSize;
    private int rateLimit;
    private long rateWindowMillis = 60_000;
    private volatile Duration latency = Duration.ZERO;
    private volatile Duration continuationLifetime;

    /** A continuation token: where its page starts and when it was issued. */
    private record Issued(int offset, long atMillis) {
    }

    /**
     * @param azure the rest of the emulated Azure: its token registry (the identity endpoint's client assertions,
     *        Entra's Partner Center tokens) and, for {@link #seedDemo()}, its registrations
     * @param pageSize the most customers one page holds, whatever {@code size} asks
     */
    public PartnerCenterState(EmulatorState azure, int pageSize) {
        this.azure = azure;
        this.defaultPageSize = pageSize;
        for (CallKind kind : CallKind.values()) {
            calls.put(kind, new AtomicInteger());
        }
        reset();
    }

    /** Back to the start: no customers, no faults, no rate limit or latency, no requests recorded. */
    public synchronized void reset() {
        generation.incrementAndGet();
        customers.clear();
        continuations.clear();
        faults.clear();
        requests.clear();
        entraRequests.clear();
        calls.values().forEach(count -> count.set(0));
        rateLimit(0);
        peakInFlight.set(inFlight.get());
        throttled.set(0);
        pageSize = defaultPageSize;
        latency = Duration.ZERO;
        continuationLifetime = null;
    }

    // --- seeding --------------------------------------------------------------------------------------------

    /** Adds a customer of the partner (its customer ID is its tenant ID). */
    public synchronized PartnerCenterState addCustomer(String tenantId, String companyName) {
        customers.putIfAbsent(key(tenantId), new Customer(tenantId, companyName, new LinkedHashMap<>()));
        return this;
    }

    /**
     * Adds a subscription of any product to a customer: an Azure plan ({@link #AZURE_PLAN_OFFER}, any offer ID
     * starting with {@code DZH318Z0BPS6:}), whose Azure subscriptions are added with {@link #addAzureEntitlement},
     * or another product such as {@link #OFFICE_OFFER}.
     *
     * @param status {@code active}, {@code suspended}, {@code deleted} …
     */
    public PartnerCenterState addSubscription(String customerTenantId, String subscriptionId, String offerId,
            String status) {
        return addSubscription(customerTenantId, subscriptionId, offerId, status, null);
    }

    /**
     * Adds a subscription with an {@code entitlementId}: for a legacy CSP Azure offer ({@link #LEGACY_AZURE_OFFER}),
     * the Azure subscription ID.
     */
    public synchronized PartnerCenterState addSubscription(String customerTenantId, String subscriptionId,
            String offerId, String status, String entitlementId) {
        customer(customerTenantId).orElseThrow(() -> new IllegalArgumentException("No customer " + customerTenantId))
                .subscriptions().put(key(subscriptionId),
                        new Subscription(subscriptionId, offerId, status, entitlementId, new LinkedHashMap<>()));
        return this;
    }

    /** Adds an Azure subscription ({@code azureEntitlements} item) to a customer's Azure plan. */
    public synchronized PartnerCenterState addAzureEntitlement(String customerTenantId, String planSubscriptionId,
            String azureSubscriptionId, String status) {
        subscription(customerTenantId, planSubscriptionId)
                .orElseThrow(() -> new IllegalArgumentException("No subscription " + planSubscriptionId))
                .entitlements().put(key(azureSubscriptionId),
                        new Entitlement(azureSubscriptionId, status, planSubscriptionId));
        return this;
    }

    /** Seeds the demo customers of {@code mvn -Plocal} here and their registrations in the emulated ARM. */
    public void seedDemo() {
        DemoCustomers.seed(this, azure);
    }

    // --- behaviour ------------------------------------------------------------------------------------------

    /** The most customers one page of {@code GET /v1/customers} holds, whatever its {@code size} asks. */
    public void pageSize(int size) {
        this.pageSize = size;
    }

    public int pageSize() {
        return pageSize;
    }

    /** Injects a fault into matching Partner Center or Entra ({@code POST /{tenant}/oauth2/v2.0/token}) requests. */
    public void inject(Fault fault) {
        faults.add(fault);
    }

    /** Answers 429 with {@code Retry-After} to the requests beyond this many in any minute; 0: no limit. */
    public void rateLimit(int perMinute) {
        rateLimit(perMinute, Duration.ofMinutes(1));
    }

    /**
     * Answers 429 with {@code Retry-After} (whole seconds, at least 1) to the requests beyond {@code requests} in
     * any {@code window}; a short window scales the limit down for a benchmark. 0 requests: no limit.
     */
    public void rateLimit(int requests, Duration window) {
        synchronized (admitted) {
            this.rateLimit = requests;
            this.rateWindowMillis = window.toMillis();
            admitted.clear();
        }
    }

    /**
     * Forgets every continuation token issued so far, as Partner Center stops accepting old ones: a page asked with
     * one is answered 400.
     */
    public void expireContinuations() {
        continuations.clear();
    }

    /** Accepts a continuation token only this long after it was issued ({@code Duration.ZERO}: never); null: always. */
    public void continuationLifetime(Duration lifetime) {
        this.continuationLifetime = lifetime;
    }

    /** Waits this long before answering each request, as a distant service does. */
    public void latency(Duration latency) {
        this.latency = latency;
    }

    Duration latency() {
        return latency;
    }

    // --- inspection -----------------------------------------------------------------------------------------

    /** Every request the emulated Partner Center received since the last reset, in order. */
    public List<PartnerCenterRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Every token request the emulated Entra received since the last reset, in order. */
    public List<EntraRequest> entraRequests() {
        synchronized (entraRequests) {
            return List.copyOf(entraRequests);
        }
    }

    /** How many requests of this kind Partner Center received since the last reset. */
    public int calls(CallKind kind) {
        return calls.get(kind).get();
    }

    /** How many requests were answered 429 by the rate limit or an injected fault since the last reset. */
    public int throttled() {
        return throttled.get();
    }

    /** The most Partner Center requests that were under way at once since the last reset. */
    public int peakConcurrentRequests() {
        return peakInFlight.get();
    }

    // --- for the emulators ----------------------------------------------------------------------------------

    EmulatorState azure() {
        return azure;
    }

    /** Changes on every reset, so that an answer delayed across a reset is dropped instead of reaching a new test. */
    int generation() {
        return generation.get();
    }

    void record(PartnerCenterRequest request) {
        requests.add(request);
        calls.get(request.kind()).incrementAndGet();
    }

    void record(EntraRequest request) {
        entraRequests.add(request);
    }

    Optional<Fault> takeFault(String method, String path) {
        return faults.take(method, path);
    }

    void countThrottled() {
        throttled.incrementAndGet();
    }

    /**
     * Admits a request under the rate limit, or says in how many seconds one would be admitted: a sliding window
     * of the requests admitted in the last window.
     */
    OptionalLong admit(long nowMillis) {
        synchronized (admitted) {
            if (rateLimit <= 0) {
                return OptionalLong.empty();
            }
            while (!admitted.isEmpty() && admitted.peekFirst() <= nowMillis - rateWindowMillis) {
                admitted.pollFirst();
            }
            if (admitted.size() < rateLimit) {
                admitted.addLast(nowMillis);
                return OptionalLong.empty();
            }
            return OptionalLong.of(Math.max(1, (admitted.peekFirst() + rateWindowMillis - nowMillis + 999) / 1000));
        }
    }

    void requestStarted() {
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    void requestEnded() {
        inFlight.decrementAndGet();
    }

    synchronized Optional<Customer> customer(String tenantId) {
        return Optional.ofNullable(customers.get(key(tenantId)));
    }

    synchronized Optional<Subscription> subscription(String tenantId, String subscriptionId) {
        return customer(tenantId).map(c -> c.subscriptions().get(key(subscriptionId)));
    }

    /** Up to {@code size} customers from {@code offset}, in the order they were added. */
    synchronized List<Customer> customers(int offset, int size) {
        List<Customer> all = new ArrayList<>(customers.values());
        return List.copyOf(all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + size)));
    }

    synchronized int customerCount() {
        return customers.size();
    }

    synchronized List<Subscription> subscriptions(Customer customer) {
        return List.copyOf(customer.subscriptions().values());
    }

    synchronized List<Entitlement> entitlements(Subscription subscription) {
        return List.copyOf(subscription.entitlements().values());
    }

    /** A new opaque continuation token for the page starting at {@code offset}. */
    String continuation(int offset) {
        String token = Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes(US_ASCII));
        continuations.put(token, new Issued(offset, System.currentTimeMillis()));
        return token;
    }

    /** Where the page of a continuation token starts, if this emulator issued it and it has not expired. */
    Optional<Integer> continuationOffset(String token) {
        Issued issued = token == null ? null : continuations.get(token);
        Duration lifetime = continuationLifetime;
        if (issued == null || lifetime != null
                && System.currentTimeMillis() - issued.atMillis() >= lifetime.toMillis()) {
            return Optional.empty();
        }
        return Optional.of(issued.offset());
    }

    private static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }
}
