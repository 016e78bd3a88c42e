package com.tenantregistrar.drift;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.tenantregistrar.correlation.CallContext;
import com.tenantregistrar.drift.DriftReport.TenantMismatch;
import com.tenantregistrar.error.RegistrarException;
import com.tenantregistrar.journal.Change;
import com.tenantregistrar.journal.ChangeJournal;
import com.tenantregistrar.journal.DriftEntries.Entry;
import com.tenantregistrar.journal.MissingEntries;
import com.tenantregistrar.journal.UnexpectedEntries;
import com.tenantregistrar.registration.RegisteredCustomer;

/**
 * What the drift check remembers across runs and restarts, in the app's storage account:
 * <ul>
 * <li>since when each missing customer has been missing ({@link MissingEntries}). A run opens an entry for each
 * customer it finds missing and closes the entries that are no longer: one now registered was fixed outside the app
 * (the app's own writes close theirs as they are journaled), and is journaled as an {@code observed} register at this
 * run's time; one no longer wanted is closed without a record.</li>
 * <li>since when each entry that a reconcile would remove or re-bill (unexpected, or registered with another tenant)
 * has been so without a break, with the tenant it had ({@link UnexpectedEntries}): the removal grace counts from
 * there. Such an entry is opened only on a complete view (an incomplete one shows unread customers as unexpected);
 * it is closed as soon as a run sees it otherwise (expected, gone, or with another tenant), and when the app writes
 * it.</li>
 * </ul>
 * An entry is never closed on a registration that could not be read, and a missing one not on an incomplete Partner
 * Center read either, unless it shows it registered.
 */
@ApplicationScoped
public class DriftMemory {

    private static final Logger LOG = Logger.getLogger(DriftMemory.class);

    private final MissingEntries missing;
    private final UnexpectedEntries unexpected;
    private final ChangeJournal journal;

    @Inject
    public DriftMemory(MissingEntries missing, UnexpectedEntries unexpected, ChangeJournal journal) {
        this.missing = missing;
        this.unexpected = unexpected;
        this.journal = journal;
    }

    /**
     * What a run remembered: since when each missing customer has been missing, and each unexpected or mismatched
     * entry (registration, customer subscription) so. Empty without storage, or when storage failed.
     */
    public record Remembered(Map<RegisteredCustomer, Instant> missingSince, Map<List<String>, Instant> unexpectedSince) {

        static final Remembered NOTHING = new Remembered(Map.of(), Map.of());

        /** Since when the entry has been unexpected or mismatched without a break, or null when not known. */
        public Instant unexpectedSince(String registration, String customerSubscriptionId) {
            return unexpectedSince.get(List.of(registration, customerSubscriptionId));
        }
    }

    /**
     * Remembers what {@code comparison} finds missing, unexpected and mismatched, and closes what it no longer does.
     *
     * @param call the run's context: its trigger, caller and correlation ID go on the records of observed fixes
     */
    public Remembered remember(DriftComparison comparison, List<Holdings> holdings, CallContext call) {
        if (!missing.configured()) {
            return Remembered.NOTHING;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Map<RegisteredCustomer, Instant> missingSince = Map.of();
        Map<List<String>, Instant> unexpectedSince = Map.of();
        try {
            missingSince = rememberMissing(comparison, holdings, now, call);
            unexpectedSince = rememberUnexpected(comparison, holdings, now);
        } catch (RuntimeException e) {
            LOG.warnf("Drift check: what it found could not be remembered (%s); the report has no 'since', and "
                    + "the removals and rewrites that need one are held",
                    e instanceof RegistrarException r ? r.code() : e.getClass().getSimpleName());
        }
        return new Remembered(missingSince, unexpectedSince);
    }

    private Map<RegisteredCustomer, Instant> rememberMissing(DriftComparison comparison, List<Holdings> holdings,
            Instant now, CallContext call) {
        Map<RegisteredCustomer, Instant> since = new HashMap<>();
        Set<List<String>> missingNow = comparison.missing().stream()
                .map(m -> List.of(m.registration(), m.customerSubscriptionId())).collect(Collectors.toSet());
        Map<List<String>, Entry> open = byKey(missing.all());
        Map<List<String>, String> toOpen = new HashMap<>();
        for (RegisteredCustomer m : comparison.missing()) {
            List<String> key = List.of(m.registration(), m.customerSubscriptionId());
            if (!open.containsKey(key)) {
                toOpen.put(key, null);
            }
        }
        Map<List<String>, Instant> opened = missing.openAll(toOpen, now);
        for (RegisteredCustomer m : comparison.missing()) {
            List<String> key = List.of(m.registration(), m.customerSubscriptionId());
            since.put(m, open.containsKey(key) ? open.get(key).since() : opened.get(key));
        }
        Set<String> undecided = comparison.ambiguous().stream().flatMap(a -> a.candidates().stream())
                .collect(Collectors.toSet());
        open.forEach((key, entry) -> {
            if (!missingNow.contains(key)) {
                closeMissing(entry, holdings, comparison.complete(), undecided, now, call);
            }
        });
        return since;
    }

    private Map<List<String>, Instant> rememberUnexpected(DriftComparison comparison, List<Holdings> holdings,
            Instant now) {
        Map<List<String>, String> seen = new HashMap<>();
        comparison.unexpected().forEach(u -> seen.put(List.of(u.registration(), u.customerSubscriptionId()),
                u.tenantId()));
        for (TenantMismatch m : comparison.tenantMismatch()) {
            seen.put(List.of(m.registration(), m.customerSubscriptionId()), m.actualTenantId());
        }
        Map<List<String>, Entry> open = byKey(unexpected.all());
        Map<List<String>, Instant> since = new HashMap<>();
        if (comparison.complete()) {
            Map<List<String>, String> toOpen = new HashMap<>();
            seen.forEach((key, tenant) -> {
                Entry entry = open.get(key);
                if (entry == null) {
                    toOpen.put(key, tenant);
                } else {
                    // Open with another tenant: another state of the entry, opened anew (rare: a row at a time).
                    since.put(key, tenant.equals(entry.tenantId()) ? entry.since()
                            : unexpected.open(key.get(0), key.get(1), now, tenant));
                }
            });
            since.putAll(unexpected.openAll(toOpen, now));
        } else {
            // Not opened on an incomplete view; what is open and still so keeps its time, and is still held.
            seen.forEach((key, tenant) -> {
                Entry entry = open.get(key);
                if (entry != null && tenant.equals(entry.tenantId())) {
                    since.put(key, entry.since());
                }
            });
        }
        open.forEach((key, entry) -> {
            if (!seen.containsKey(key) && read(holdings, entry.registration())) {
                unexpected.close(entry.registration(), entry.customerSubscriptionId());
            }
        });
        return since;
    }

    private void closeMissing(Entry entry, List<Holdings> holdings, boolean complete, Set<String> undecided,
            Instant now, CallContext call) {
        Holdings read = holdings.stream().filter(h -> h.registration().alias().equals(entry.registration()))
                .findFirst().orElse(null);
        if (read == null || read.failure() != null) {
            return; // not read in this run (or no longer configured): nothing is known of it
        }
        String tenant = read.customers().get(entry.customerSubscriptionId());
        if (tenant != null) {
            missing.close(entry.registration(), entry.customerSubscriptionId()).ifPresent(since -> journal.record(
                    new Change(now.toString(), "register", entry.registration(), entry.customerSubscriptionId(),
                            tenant, null, null, call.trigger(), call.caller(), call.correlationId(), "observed",
                            null, null, null, since.toString())));
        } else if (complete && !undecided.contains(entry.customerSubscriptionId())) {
            missing.close(entry.registration(), entry.customerSubscriptionId());
        }
    }

    /** Whether this run read {@code registration} in full. */
    private static boolean read(List<Holdings> holdings, String registration) {
        return holdings.stream().anyMatch(h -> h.registration().alias().equals(registration) && h.failure() == null);
    }

    private static Map<List<String>, Entry> byKey(List<Entry> entries) {
        return entries.stream().collect(Collectors.toMap(
                e -> List.of(e.registration(), e.customerSubscriptionId()), e -> e));
    }
}
