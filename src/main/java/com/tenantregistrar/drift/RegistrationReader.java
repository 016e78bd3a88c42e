package com.tenantregistrar.drift;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.tenantregistrar.arm.CustomerSubscriptionsClient;
import com.tenantregistrar.config.RegistrarConfig;
import com.tenantregistrar.error.RegistrarException;
import com.tenantregistrar.registration.Guid;
import com.tenantregistrar.registration.RegisteredCustomer;
import com.tenantregistrar.registration.Registration;
import com.tenantregistrar.registration.RegistrationCatalog;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads what the registrations hold: all of it for the drift check, only the entries it names for the webhook's
 * one-customer reconcile ({@link CustomerPlan}). A registration that cannot be read is {@link Holdings#unreadable},
 * and the others are still read.
 */
@ApplicationScoped
public class RegistrationReader {

    private final CustomerSubscriptionsClient client;
    private final RegistrationCatalog catalog;
    private final int concurrency;

    @Inject
    public RegistrationReader(CustomerSubscriptionsClient client, RegistrationCatalog catalog, RegistrarConfig config) {
        this.client = client;
        this.catalog = catalog;
        this.concurrency = config.arm().maxConcurrency();
    }

    /** Every registration's holdings, in the catalog's order. */
    public Mono<List<Holdings>> readAll() {
        return read(catalog.all());
    }

    /** The holdings of {@code registrations}, each read through every page, in their order. */
    public Mono<List<Holdings>> read(List<Registration> registrations) {
        return fanOut(registrations, registration -> client.list(registration)
                .collectMap(RegisteredCustomer::customerSubscriptionId, RegisteredCustomer::tenantId,
                        LinkedHashMap::new));
    }

    /**
     * Of every registration, in the catalog's order, only {@code customerSubscriptionIds}: a GET of each entry, those
     * it finds with their tenants. What the holdings leave out is not on the registration.
     */
    public Mono<List<Holdings>> readEntries(List<String> customerSubscriptionIds) {
        return fanOut(catalog.all(), registration -> Flux.fromIterable(customerSubscriptionIds)
                .flatMapSequential(id -> client.tenantOf(registration, new Guid(id))
                        .map(tenant -> tenant.map(t -> Map.entry(id, t))))
                .filter(Optional::isPresent).map(Optional::get)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new));
    }

    /**
     * Reads each registration with {@code read} (at most REGISTRAR_ARM_MAX_CONCURRENCY at once); one that fails is
     * {@link Holdings#unreadable}, and the others are still read.
     */
    private Mono<List<Holdings>> fanOut(List<Registration> registrations,
            Function<Registration, Mono<? extends Map<String, String>>> read) {
        // One token attempt for all the registrations: a failing identity costs the run one, not one each.
        Mono<Void> token = client.authenticated().cache();
        return Flux.fromIterable(registrations)
                .flatMapSequential(registration -> token.then(read.apply(registration))
                        .map(customers -> Holdings.read(registration, customers))
                        .onErrorResume(RegistrarException.class,
                                failure -> Mono.just(Holdings.unreadable(registration, failure))),
                        Math.max(1, concurrency))
                .collectList();
    }
}
