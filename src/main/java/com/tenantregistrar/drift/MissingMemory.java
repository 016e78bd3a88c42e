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
import com.tenantregistrar.error.RegistrarException;
import com.tenantregistrar.journal.Change;
import com.tenantregistrar.journal.ChangeJournal;
import com.tenantregistrar.journal.MissingEntries;
import com.tenantregistrar.journal.MissingEntries.Entry;
import com.tenantregistrar.registration.RegisteredCustomer;

/**
 * What the drift check remembers across runs and restarts: since when each missing customer has been missing
 * ({@link MissingEntries}). A run opens an entry for each customer it finds missing and closes the entries that
 * are no longer: one now registered was fixed outside the app (the app's own writes close theirs as they are
 * journaled), and is journaled as an {@code observed} register at this run's time; one no longer wanted is closed
 * without a record. An entry is never closed on an incomplete view: a registration that could not be read, or a
 * Partner Center read that did not finish, closes nothing it does not show registered.
 */
@ApplicationScoped
public class MissingMemory {

    private static final Logger LOG = Logger.getLogger(MissingMemory.class);

    private final MissingEntries entries;
    private final ChangeJournal journal;

    @Inject
    public MissingMemory(MissingEntries entries, ChangeJournal journal) {
        this.entries = entries;
        this.journal = journal;
    }

    /**
     * Remembers what {@code comparison} finds missing and closes what it no longer does.
     *
     * @param call the run's context: its trigger and correlation ID go on the records of observed fixes
     * @return since when each missing customer has been missing; empty without storage, or when it failed
     */
    public Map<RegisteredCustomer, Instant> remember(DriftComparison comparison, List<Holdings> holdings,
            CallContext call) {
        if (!entries.configured()) {
            return Map.of();
        }
        try {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Map<RegisteredCustomer, Instant> since = new HashMap<>();
            Set<List<String>> missingNow = comparison.missing().stream()
                    .map(m -> List.of(m.registration(), m.customerSubscriptionId())).collect(Collectors.toSet());
            Map<List<String>, Entry> open = entries.all().stream().collect(Collectors.toMap(
                    e -> List.of(e.registration(), e.customerSubscriptionId()), e -> e));
            for (RegisteredCustomer m : comparison.missing()) {
                Entry entry = open.get(List.of(m.registration(), m.customerSubscriptionId()));
                since.put(m, entry != null ? entry.since()
                        : entries.open(m.registration(), m.customerSubscriptionId(), now));
            }
            Set<String> undecided = comparison.ambiguous().stream().flatMap(a -> a.candidates().stream())
                    .collect(Collectors.toSet());
            open.forEach((key, entry) -> {
                if (!missingNow.contains(key)) {
                    close(entry, holdings, comparison.complete(), undecided, now, call);
                }
            });
            return since;
        } catch (RuntimeException e) {
            LOG.warnf("Drift check: the missing customers could not be remembered (%s); the report has no 'since'",
                    e instanceof RegistrarException r ? r.code() : e.getClass().getSimpleName());
            return Map.of();
        }
    }

    private void close(Entry entry, List<Holdings> holdings, boolean complete, Set<String> undecided, Instant now,
            CallContext call) {
        Holdings read = holdings.stream().filter(h -> h.registration().alias().equals(entry.registration()))
                .findFirst().orElse(null);
        if (read == null || read.failure() != null) {
            return; // not read in this run (or no longer configured): nothing is known of it
        }
        String tenant = read.customers().get(entry.customerSubscriptionId());
        if (tenant != null) {
            entries.close(entry.registration(), entry.customerSubscriptionId()).ifPresent(since -> journal.record(
                    new Change(now.toString(), "register", entry.registration(), entry.customerSubscriptionId(),
                            tenant, null, null, call.trigger(), call.correlationId(), "observed", null, null, null,
                            since.toString())));
        } else if (complete && !undecided.contains(entry.customerSubscriptionId())) {
            entries.close(entry.registration(), entry.customerSubscriptionId());
        }
    }
}
