package com.tenantregistrar.drift;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.tenantregistrar.arm.CustomerSubscriptionsClient;
import com.tenantregistrar.arm.ArmWrite;
import com.tenantregistrar.config.RegistrarConfig;
import com.tenantregistrar.config.RegistrarConfig.DriftMode;
import com.tenantregistrar.drift.DriftReport.Action;
import com.tenantregistrar.drift.DriftReport.RegistrationSummary;
import com.tenantregistrar.drift.DriftReport.TenantMismatch;
import com.tenantregistrar.error.ErrorBody;
import com.tenantregistrar.error.RegistrarException;
import com.tenantregistrar.registration.Guid;
import com.tenantregistrar.registration.RegisteredCustomer;
import com.tenantregistrar.registration.Registration;
import com.tenantregistrar.registration.RegistrationCatalog;

import io.smallrye.mutiny.Uni;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Compares what the registrations hold with what they should hold, and in reconcile mode repairs it: PUTs the
 * missing and mismatched customers, and DELETEs unexpected ones only within the removal budget, so that a
 * truncated manifest cannot wipe out a CSP's billing.
 */
@ApplicationScoped
public class DriftChecker {

    private static final Logger LOG = Logger.getLogger(DriftChecker.class);

    private final CustomerSubscriptionsClient client;
    private final RegistrationCatalog catalog;
    private final DesiredStateLoader loader;
    private final RegistrarConfig.Drift settings;
    private final int concurrency;

    @Inject
    public DriftChecker(CustomerSubscriptionsClient client, RegistrationCatalog catalog, DesiredStateLoader loader,
            RegistrarConfig config) {
        this.client = client;
        this.catalog = catalog;
        this.loader = loader;
        this.settings = config.drift();
        this.concurrency = config.arm().maxConcurrency();
    }

    /** What one registration holds, or why it could not be read. */
    private record Holdings(Registration registration, Map<String, String> customers, RegistrarException failure) {
    }

    /** Runs one check in the configured mode, or in report mode when {@code dryRun}. */
    public Uni<DriftReport> check(boolean dryRun) {
        return Uni.createFrom().completionStage(() -> Mono.fromCallable(loader::load)
                .flatMap(desired -> readAll().flatMap(holdings -> compare(desired, holdings, dryRun)))
                .doOnNext(report -> LOG.info(report.summary()))
                .toFuture());
    }

    private Mono<List<Holdings>> readAll() {
        return Flux.fromIterable(catalog.all())
                .flatMapSequential(registration -> client.list(registration)
                        .collectMap(RegisteredCustomer::customerSubscriptionId, RegisteredCustomer::tenantId,
                                LinkedHashMap::new)
                        .map(customers -> new Holdings(registration, customers, null))
                        .onErrorResume(RegistrarException.class,
                                failure -> Mono.just(new Holdings(registration, Map.of(), failure))),
                        Math.max(1, concurrency))
                .collectList()
                .flatMap(holdings -> holdings.stream().allMatch(h -> h.failure() != null)
                        ? Mono.error(mostSevere(holdings))
                        : Mono.just(holdings));
    }

    private static RegistrarException mostSevere(List<Holdings> holdings) {
        return holdings.stream().map(Holdings::failure)
                .max(Comparator.comparingInt(RegistrarException::severity))
                .orElseThrow();
    }

    private Mono<DriftReport> compare(Optional<DesiredState> desired, List<Holdings> holdings, boolean dryRun) {
        boolean reconcile = desired.isPresent() && !dryRun && settings.mode() == DriftMode.RECONCILE;
        List<RegisteredCustomer> missing = new ArrayList<>();
        List<RegisteredCustomer> unexpected = new ArrayList<>();
        List<TenantMismatch> mismatches = new ArrayList<>();
        List<RegistrationSummary> summaries = new ArrayList<>();
        Map<String, String> everywhere = union(holdings);

        for (Holdings h : holdings) {
            String alias = h.registration().alias();
            if (h.failure() != null) {
                summaries.add(new RegistrationSummary(alias, null,
                        desired.map(d -> d.expectedOn(h.registration()).size()).orElse(null), ErrorBody.of(h.failure())));
                continue;
            }
            Map<String, String> expected = desired.map(d -> d.expectedOn(h.registration())).orElse(everywhere);
            expected.forEach((subscription, tenant) -> {
                String actual = h.customers().get(subscription);
                if (actual == null) {
                    missing.add(new RegisteredCustomer(alias, subscription, tenant));
                } else if (desired.isPresent() && !actual.equals(tenant)) {
                    mismatches.add(new TenantMismatch(alias, subscription, tenant, actual));
                }
            });
            if (desired.isPresent()) {
                h.customers().forEach((subscription, tenant) -> {
                    if (!expected.containsKey(subscription)) {
                        unexpected.add(new RegisteredCustomer(alias, subscription, tenant));
                    }
                });
            }
            summaries.add(new RegistrationSummary(alias, h.customers().size(),
                    desired.isPresent() ? expected.size() : null, null));
        }

        boolean inSync = missing.isEmpty() && unexpected.isEmpty() && mismatches.isEmpty()
                && holdings.stream().allMatch(h -> h.failure() == null);
        Mono<List<Action>> actions = reconcile ? repair(missing, mismatches, unexpected) : Mono.just(List.of());
        return actions.map(done -> new DriftReport(inSync, reconcile ? "reconcile" : "report", missing, unexpected,
                mismatches, done, summaries));
    }

    /** Without a manifest, a customer on one registration is expected on all of them. */
    private static Map<String, String> union(List<Holdings> holdings) {
        Map<String, String> all = new LinkedHashMap<>();
        holdings.forEach(h -> h.customers().forEach(all::putIfAbsent));
        return all;
    }

    private Mono<List<Action>> repair(List<RegisteredCustomer> missing, List<TenantMismatch> mismatches,
            List<RegisteredCustomer> unexpected) {
        List<Mono<Action>> writes = new ArrayList<>();
        missing.forEach(m -> writes.add(register(m.registration(), m.customerSubscriptionId(), m.tenantId())));
        mismatches.forEach(m -> writes.add(register(m.registration(), m.customerSubscriptionId(), m.expectedTenantId())));
        for (int i = 0; i < unexpected.size(); i++) {
            RegisteredCustomer u = unexpected.get(i);
            writes.add(i < settings.maxRemovals() ? remove(u)
                    : Mono.just(new Action("remove", u.registration(), u.customerSubscriptionId(), "skipped", null)));
        }
        return Flux.fromIterable(writes).flatMapSequential(write -> write, Math.max(1, concurrency)).collectList();
    }

    private Mono<Action> register(String alias, String subscription, String tenant) {
        return outcome("register", alias, subscription,
                client.put(catalog.byAlias(alias), new Guid(subscription), new Guid(tenant)).map(ArmWrite::status));
    }

    private Mono<Action> remove(RegisteredCustomer customer) {
        return outcome("remove", customer.registration(), customer.customerSubscriptionId(),
                client.delete(catalog.byAlias(customer.registration()), new Guid(customer.customerSubscriptionId()))
                        .map(ArmWrite::status));
    }

    private static Mono<Action> outcome(String action, String alias, String subscription, Mono<String> write) {
        return write.map(status -> new Action(action, alias, subscription, status, null))
                .onErrorResume(RegistrarException.class,
                        failure -> Mono.just(new Action(action, alias, subscription, "failed", ErrorBody.of(failure))));
    }
}
