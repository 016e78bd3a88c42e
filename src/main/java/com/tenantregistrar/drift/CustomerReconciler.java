package com.tenantregistrar.drift;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.tenantregistrar.correlation.CallContext;
import com.tenantregistrar.drift.DriftReport.Action;
import com.tenantregistrar.error.RegistrarException;
import com.tenantregistrar.partnercenter.CustomerAzureSubscriptions;
import com.tenantregistrar.partnercenter.PartnerCenterSnapshot;
import com.tenantregistrar.registration.Registration;
import com.tenantregistrar.registration.RegistrationCatalog;

import reactor.core.publisher.Mono;

/**
 * One customer reconciled as the drift check would, additions only (the webhook's): its Azure subscriptions as
 * Partner Center lists them, chosen by the same {@link RegistrationRule} and overridden by the manifest the same
 * way, compared with what the registrations hold of that customer ({@link CustomerPlan}: a GET per entry, the whole
 * list only where a PUT may be needed), and its missing registered by the same {@link ReconcilePlan} and
 * {@link ReconcileExecutor}. Nothing is ever removed or rewritten here, nor anything of another tenant: one event is
 * no view of the whole estate.
 */
@ApplicationScoped
public class CustomerReconciler {

    private final RegistrationReader reader;
    private final RegistrationCatalog catalog;
    private final DesiredStateLoader loader;
    private final ReconcileExecutor executor;

    @Inject
    public CustomerReconciler(RegistrationReader reader, RegistrationCatalog catalog, DesiredStateLoader loader,
            ReconcileExecutor executor) {
        this.reader = reader;
        this.catalog = catalog;
        this.loader = loader;
        this.executor = executor;
    }

    /**
     * What one customer's reconcile did.
     *
     * @param actions the registrations it made or tried, in the plan's order; empty when nothing was missing
     * @param ambiguous the customer, when the rule cannot choose among its subscriptions
     * @param failure the most severe of the unreadable registrations and failed or skipped writes, if any
     */
    public record Outcome(List<Action> actions, List<AmbiguousTenant> ambiguous,
            Optional<RegistrarException> failure) {
    }

    /**
     * Registers {@code customer}'s chosen subscription where it is missing, starting no write after {@code deadline};
     * reads of each registration only the entries {@link CustomerPlan} names, and the whole list only where a PUT may
     * be needed.
     */
    public Mono<Outcome> reconcile(CustomerAzureSubscriptions customer, Instant deadline) {
        return Mono.defer(() -> {
            CallContext call = CallContext.current();
            Optional<Manifest> manifest = loader.load(true);
            PartnerCenterSnapshot one = new PartnerCenterSnapshot(List.of(customer), 1,
                    customer.azureSubscriptionIds().size(), true, null);
            String tenant = customer.tenantId();
            return reader.readEntries(CustomerPlan.entries(customer, manifest)).flatMap(entries -> {
                List<Registration> toList = CustomerPlan.toList(desired(manifest, one, entries), entries, tenant);
                Mono<List<Holdings>> listed = toList.isEmpty() ? Mono.just(List.of()) : reader.read(toList);
                return listed.map(lists -> entries.stream().map(h -> lists.stream()
                        .filter(l -> l.registration().equals(h.registration())).findFirst().orElse(h)).toList());
            }).flatMap(holdings -> {
                DriftComparison comparison = DriftComparison.of(Optional.of(desired(manifest, one, holdings)),
                        holdings);
                // The reads' answers arrive on contexts of their own: the writes are still this event's.
                call.install();
                return executor.execute(CustomerPlan.additions(comparison, tenant), deadline, call).map(done -> {
                    List<RegistrarException> failures = new ArrayList<>(comparison.readFailures());
                    failures.addAll(done.failures());
                    return new Outcome(done.actions(), comparison.ambiguous(),
                            failures.stream().max(Comparator.comparingInt(RegistrarException::severity)));
                });
            });
        });
    }

    /** One customer read in full, without a walk: no generation, so no age to weigh. */
    private DesiredState desired(Optional<Manifest> manifest, PartnerCenterSnapshot one, List<Holdings> holdings) {
        return DesiredState.of(manifest, Optional.of(one), holdings, catalog.all(), Duration.ZERO, Instant.now())
                .orElseThrow();
    }
}
