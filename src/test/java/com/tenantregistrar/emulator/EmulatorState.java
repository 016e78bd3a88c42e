package com.tenantregistrar.emulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.tenantregistrar.registration.Registration;

/**
 * What the emulated Azure holds: the registrations, their customer subscriptions, the tokens it issued, the
 * requests it received and the faults it is told to inject; and for the webhook, the files of the emulated
 * certificate store and the roots trusted for signing certificates. Tests drive and inspect it directly.
 */
public class EmulatorState {

    /**
     * How a PUT is answered: the spec's 200 with a body, the documented live 201 with none, or a 202 with
     * {@code Location} and {@code Azure-AsyncOperation}, as an asynchronous ARM operation would (the change is made).
     */
    public enum PutStyle {
        OK_WITH_BODY, CREATED_EMPTY, ACCEPTED_ASYNC
    }

    /** A token request the identity endpoint received: the resource, and the identity's client ID. */
    public record TokenRequest(String resource, String clientId) {
    }

    /** A request the emulated ARM received, with the {@code x-ms-correlation-request-id} it carried. */
    public record ArmRequest(String method, String path, String query, String body, String correlationId) {
    }

    private final List<Registration> configured;
    private final Map<String, Map<String, String[]>> registrations = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final List<ArmRequest> requests = new CopyOnWriteArrayList<>();
    private final WireLog wire = new WireLog();
    private final List<TokenRequest> tokenRequestLog = new CopyOnWriteArrayList<>();
    private final Faults faults = new Faults();
    private final Map<String, Blob> blobs = new ConcurrentHashMap<>();
    private final List<String> blobRequests = new CopyOnWriteArrayList<>();
    private final Set<TrustAnchor> signerAnchors = ConcurrentHashMap.newKeySet();
    private volatile PutStyle putStyle = PutStyle.CREATED_EMPTY;
    private volatile int pageSize;
    private volatile boolean refuseTokens;
    private volatile boolean failTokens;
    private volatile String storageTokenAudience;
    private volatile String nextLinkOrigin;
    private final int defaultPageSize;

    private volatile WriteThrottle writeThrottle;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final AtomicInteger throttled = new AtomicInteger();
    private volatile Duration writeLatency = Duration.ZERO;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final AtomicInteger generation = new AtomicInteger();

    /**
     * @param registrations the registrations that exist in the emulated Azure after a reset
     * @param pageSize customer subscriptions per page of a list
     */
    public EmulatorState(List<Registration> registrations, int pageSize) {
        this.configured = List.copyOf(registrations);
        this.defaultPageSize = pageSize;
        reset();
    }

    /** Every request the emulated ARM, identity endpoint, Entra and Partner Center received, as sent. */
    public WireLog wire() {
        return wire;
    }

    /** Back to the start: every configured registration exists and is empty, no faults, default answers. */
    public synchronized void reset() {
        generation.incrementAndGet();
        wire.clear();
        registrations.clear();
        configured.forEach(this::addRegistration);
        peakInFlight.set(inFlight.get());
        requests.clear();
        faults.clear();
        blobs.clear();
        blobRequests.clear();
        signerAnchors.clear();
        putStyle = PutStyle.CREATED_EMPTY;
        pageSize = defaultPageSize;
        refuseTokens = false;
        failTokens = false;
        storageTokenAudience = null;
        nextLinkOrigin = null;
        writeThrottle = null;
        buckets.clear();
        throttled.set(0);
        writeLatency = Duration.ZERO;
    }

    private void addRegistration(Registration registration) {
        registrations.putIfAbsent(key(registration.resourceId()), new LinkedHashMap<>());
    }

    /** The registrations that exist after a reset. */
    public List<Registration> registrations() {
        return configured;
    }

    /** Deletes the registration itself, as if it had never been created in Azure. */
    public void removeRegistration(Registration registration) {
        registrations.remove(key(registration.resourceId()));
    }

    public void putStyle(PutStyle style) {
        this.putStyle = style;
    }

    public PutStyle putStyle() {
        return putStyle;
    }

    public void pageSize(int size) {
        this.pageSize = size;
    }

    public int pageSize() {
        return pageSize;
    }

    /** Makes list pages link to the next page at another origin ({@code https://host:port}), as a hostile ARM would. */
    public void nextLinkOrigin(String origin) {
        this.nextLinkOrigin = origin;
    }

    Optional<String> nextLinkOrigin() {
        return Optional.ofNullable(nextLinkOrigin);
    }

    /** Makes the identity endpoint answer every token request 500, as when the platform's endpoint is failing. */
    public void failTokens(boolean fail) {
        this.failTokens = fail;
    }

    boolean failsTokens() {
        return failTokens;
    }

    /** Makes the identity endpoint refuse every token request, as when the identity is disabled. */
    public void refuseTokens(boolean refuse) {
        this.refuseTokens = refuse;
    }

    boolean refusesTokens() {
        return refuseTokens;
    }

    /**
     * Makes the identity endpoint issue Azure Storage tokens for {@code audience} instead of the resource asked for,
     * so that storage refuses them; {@code null} is back to normal.
     */
    public void storageTokenAudience(String audience) {
        this.storageTokenAudience = audience;
    }

    Optional<String> storageTokenAudience() {
        return Optional.ofNullable(storageTokenAudience);
    }

    /**
     * ARM's throttling of customerSubscriptions writes: a token bucket per registration subscription and kind of
     * request (PUTs are writes, DELETEs deletes, each of its own bucket, as ARM keeps them).
     *
     * @param capacity the bucket's tokens when full (ARM: 200)
     * @param refillPerSecond the tokens it gains a second (ARM: 10)
     */
    public record WriteThrottle(int capacity, double refillPerSecond) {

        /** ARM's figures for one service principal on one subscription. */
        public static final WriteThrottle ARM = new WriteThrottle(200, 10);
    }

    /** Throttles writes as {@code throttle} says, with full buckets; {@code null} (the default) does not. */
    public void throttleWrites(WriteThrottle throttle) {
        buckets.clear();
        this.writeThrottle = throttle;
    }

    /**
     * The bucket's answer to one write ({@code PUT} or {@code DELETE}) on a registration of {@code subscription},
     * or empty when writes are not throttled.
     */
    Optional<TokenBucket.Take> takeWriteToken(String subscription, String method) {
        WriteThrottle throttle = writeThrottle;
        if (throttle == null) {
            return Optional.empty();
        }
        String key = subscription.toLowerCase(Locale.ROOT) + "/" + method;
        TokenBucket.Take take = buckets.computeIfAbsent(key,
                k -> new TokenBucket(throttle.capacity(), throttle.refillPerSecond(), System.nanoTime()))
                .take(System.nanoTime());
        if (!take.admitted()) {
            throttled.incrementAndGet();
        }
        return Optional.of(take);
    }

    /** How many writes the throttle answered 429 since the last reset. */
    public int throttledWrites() {
        return throttled.get();
    }

    /** Answers every admitted write after {@code latency}, as ARM takes its time (zero, the default, at once). */
    public void writeLatency(Duration latency) {
        this.writeLatency = latency;
    }

    Duration writeLatency() {
        return writeLatency;
    }

    public void inject(Fault fault) {
        faults.add(fault);
    }

    Optional<Fault> takeFault(String method, String path) {
        return faults.take(method, path);
    }

    /** Every request the emulated ARM received since the last reset, in order. */
    public List<ArmRequest> requests() {
        return List.copyOf(requests);
    }

    void record(ArmRequest request) {
        requests.add(request);
    }

    /** A file the emulated blob storage serves at a path: its bytes, or a redirect elsewhere. */
    public record Blob(byte[] content, String redirectTo) {
    }

    /** Serves {@code content} at {@code path} over the emulator's HTTPS, as Partner Center's certificate store does. */
    public void publish(String path, byte[] content) {
        blobs.put(path, new Blob(content, null));
    }

    /** Answers {@code path} with a 302 to {@code location}. */
    public void redirect(String path, String location) {
        blobs.put(path, new Blob(null, location));
    }

    Optional<Blob> blob(String path) {
        return Optional.ofNullable(blobs.get(path));
    }

    void recordBlobRequest(String path) {
        blobRequests.add(path);
    }

    /** The paths of every blob request since the last reset, served or not. */
    public List<String> blobRequests() {
        return List.copyOf(blobRequests);
    }

    /** Trusts {@code root} as a root of Partner Center signing certificates. */
    public void trustSigner(X509Certificate root) {
        signerAnchors.add(new TrustAnchor(root, null));
    }

    Set<TrustAnchor> signerAnchors() {
        return Set.copyOf(signerAnchors);
    }

    /**
     * Registers a customer subscription directly, as if someone had done it before the test.
     *
     * @throws IllegalStateException when the tenant has another subscription there: ARM never holds that state
     */
    public void seed(Registration registration, String customerSubscriptionId, String tenantId) {
        Map<String, String[]> customers = customers(registration.resourceId()).orElseThrow();
        synchronized (customers) {
            Optional<String> other = subscriptionOf(customers, tenantId)
                    .filter(subscription -> !subscription.equalsIgnoreCase(customerSubscriptionId));
            if (other.isPresent()) {
                throw new IllegalStateException("ARM holds one subscription per tenant per registration: tenant "
                        + tenantId + " already has " + other.get() + " on " + registration.alias());
            }
            put(customers, customerSubscriptionId, tenantId);
        }
    }

    /**
     * Puts the customer subscription with its tenant, as ARM does: one subscription per tenant per registration, so
     * the tenant's other subscription is unmapped, and an existing entry takes the new tenant. The caller holds
     * {@code customers}' lock.
     */
    static void put(Map<String, String[]> customers, String customerSubscriptionId, String tenantId) {
        String key = customerSubscriptionId.toLowerCase(Locale.ROOT);
        customers.entrySet().removeIf(entry -> !entry.getKey().equals(key)
                && entry.getValue()[1].equalsIgnoreCase(tenantId));
        customers.put(key, new String[] { customerSubscriptionId, tenantId });
    }

    private static Optional<String> subscriptionOf(Map<String, String[]> customers, String tenantId) {
        return customers.values().stream().filter(entry -> entry[1].equalsIgnoreCase(tenantId))
                .map(entry -> entry[0]).findFirst();
    }

    /** The customer subscriptions registered on a registration: subscription ID to tenant ID. */
    public Map<String, String> customersOf(Registration registration) {
        Map<String, String> result = new LinkedHashMap<>();
        customers(registration.resourceId()).ifPresent(customers -> {
            synchronized (customers) {
                customers.values().forEach(entry -> result.put(entry[0], entry[1]));
            }
        });
        return result;
    }

    /** The customers of the registration with this resource ID, if it exists; entries are [id as given, tenant]. */
    Optional<Map<String, String[]>> customers(String registrationId) {
        return Optional.ofNullable(registrations.get(key(registrationId)));
    }

    String issueToken(String resource) {
        return issued("emulated-" + UUID.randomUUID(), resource);
    }

    /** Keeps {@code token}, issued for {@code resource}; the token. */
    String issued(String token, String resource) {
        tokens.put(token, resource);
        return token;
    }

    /** Every token issued since start. */
    public List<String> issuedTokens() {
        return List.copyOf(tokens.keySet());
    }

    /** The resource (audience) a token was issued for, if this emulator issued it. */
    Optional<String> audienceOf(String token) {
        return Optional.ofNullable(tokens.get(token));
    }

    /** Changes on every reset, so that an answer delayed across a reset is dropped instead of changing the new state. */
    int generation() {
        return generation.get();
    }

    void requestStarted() {
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    void requestEnded() {
        inFlight.decrementAndGet();
    }

    /** The most ARM requests that were under way at once since the last reset. */
    public int peakConcurrentRequests() {
        return peakInFlight.get();
    }

    void tokenRequested(String resource, String clientId) {
        tokenRequestLog.add(new TokenRequest(resource, clientId));
    }

    /** How many token requests the identity endpoint received since start, refused ones included. */
    public int tokenRequests() {
        return tokenRequestLog.size();
    }

    /** Every token request the identity endpoint received since start, refused ones included, in order. */
    public List<TokenRequest> tokenRequestLog() {
        return List.copyOf(tokenRequestLog);
    }

    private static String key(String resourceId) {
        String id = resourceId.startsWith("/") ? resourceId : "/" + resourceId;
        return id.toLowerCase(Locale.ROOT);
    }
}
