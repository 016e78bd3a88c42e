package com.tenantregistrar.partnercenter;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.tenantregistrar.error.ErrorBody;

/**
 * What Partner Center says: one walk's reads, or, with state storage, the customers of the last complete generation
 * updated with what the walk of the next one read so far. An incomplete walk says why and keeps what it read: a
 * customer it did not reach is unknown, never "not a customer".
 *
 * @param customers the customers with at least one Azure subscription, active or inactive, by tenant ID
 * @param customerCount how many customers it holds, with or without Azure subscriptions
 * @param azureSubscriptionCount how many active Azure subscriptions {@code customers} holds in all
 * @param complete whether this walk read every customer (to the last)
 * @param error why the walk failed before the last customer; null when complete, or when a resumable walk only
 *        spent its budget and the next run goes on from where it stopped
 * @param progress where the resumable walk stands; null without state storage
 * @param restarted whether this run's walk started its generation again from the first page, its continuation
 *        token refused
 * @param skipped the customers the walk stepped over in the generations behind {@code customers} and not read
 *        since: their tenants are undecided
 */
public record PartnerCenterSnapshot(List<CustomerAzureSubscriptions> customers, int customerCount,
        int azureSubscriptionCount, boolean complete, ErrorBody error, Progress progress, boolean restarted,
        List<CustomerFailure> skipped) {

    /** The error code of a walk that reached the end of a generation too small to believe. */
    public static final String IMPLAUSIBLE = "PartnerCenterImplausible";

    public PartnerCenterSnapshot {
        customers = List.copyOf(customers);
        skipped = List.copyOf(skipped);
    }

    /** A snapshot of a walk that neither started again nor stepped over a customer. */
    public PartnerCenterSnapshot(List<CustomerAzureSubscriptions> customers, int customerCount,
            int azureSubscriptionCount, boolean complete, ErrorBody error, Progress progress) {
        this(customers, customerCount, azureSubscriptionCount, complete, error, progress, false, List.of());
    }

    /** The tenants of the customers stepped over: nothing of theirs may be removed or rewritten on this read. */
    public Set<String> undecided() {
        return skipped.stream().map(CustomerFailure::customerId).collect(Collectors.toCollection(TreeSet::new));
    }

    /** When the walk of the complete generation behind it began; null when none is (no state storage, or none yet). */
    public Instant generationStartedAt() {
        return progress == null ? null : progress.completeStartedAt();
    }

    /** The company name of each customer with Azure subscriptions whose name was read, by tenant ID. */
    public Map<String, String> companyNames() {
        Map<String, String> names = new LinkedHashMap<>();
        customers.stream().filter(c -> c.companyName() != null)
                .forEach(c -> names.put(c.tenantId(), c.companyName()));
        return names;
    }

    /** Whether the walk dropped a generation it found too small to believe. */
    public boolean implausible() {
        return error != null && IMPLAUSIBLE.equals(error.code());
    }

    /** A snapshot of one walk, without state storage. */
    public PartnerCenterSnapshot(List<CustomerAzureSubscriptions> customers, int customerCount,
            int azureSubscriptionCount, boolean complete, ErrorBody error) {
        this(customers, customerCount, azureSubscriptionCount, complete, error, null);
    }

    /**
     * Where a resumable walk stands.
     *
     * @param generation the generation walked in this run (the first is 1)
     * @param seen the customers of that generation read so far, this run and the runs before
     * @param total the customers of the last complete generation; null before the first completes
     * @param resumedFrom the customers of the generation read before this run; null when this run began it
     * @param completeStartedAt when the walk of the last complete generation began; null before the first
     */
    public record Progress(long generation, int seen, Integer total, Integer resumedFrom, Instant completeStartedAt) {

        /** {@code seen/total}, {@code ?} for a total not known yet. */
        public String coverage() {
            return seen + "/" + (total == null ? "?" : total);
        }
    }

    /** The snapshot of {@code read}: every customer read, with or without Azure subscriptions. */
    public static PartnerCenterSnapshot of(Collection<CustomerAzureSubscriptions> read, boolean complete,
            ErrorBody error, Progress progress) {
        return of(read, complete, error, progress, false, List.of());
    }

    /** The same, for a walk that may have started again or stepped over customers. */
    public static PartnerCenterSnapshot of(Collection<CustomerAzureSubscriptions> read, boolean complete,
            ErrorBody error, Progress progress, boolean restarted, List<CustomerFailure> skipped) {
        List<CustomerAzureSubscriptions> customers = read.stream()
                .filter(CustomerAzureSubscriptions::hasAzure)
                .sorted(Comparator.comparing(CustomerAzureSubscriptions::tenantId)).toList();
        int subscriptions = customers.stream().mapToInt(customer -> customer.azureSubscriptionIds().size()).sum();
        return new PartnerCenterSnapshot(customers, read.size(), subscriptions, complete, error, progress, restarted,
                skipped);
    }

    /** The snapshot of one walk, without state storage. */
    public static PartnerCenterSnapshot of(Collection<CustomerAzureSubscriptions> read, boolean complete,
            ErrorBody error) {
        return of(read, complete, error, null);
    }
}
