package com.tenantregistrar.drift;

import java.util.LinkedHashMap;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.tenantregistrar.arm.CustomerSubscriptionsClient;
import com.tenantregistrar.config.RegistrarConfig;
import com.tenantregistrar.error.RegistrarException;
import com.tenantregistrar.registration.RegisteredCustomer;
import com.tenantregistrar.registration.RegistrationCatalog;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads what every registration holds, for the drift check and the webhook's one-customer reconcile alike: a
 * registration that cannot be read is {@link Holdings#unreadable}, and the others are still read.
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
        // One token attempt for all the registrations: a failing identity costs the run one, not one each.
        Mono<Void> token = client.authenticated().cache();
        return Flux.fromIterable(catalog.all())
                .flatMapSequential(registration -> token.thenMany(client.list(registration))
                        .collectMap(RegisteredCustomer::customerSubscriptionId, RegisteredCustomer::tenantId,
                                LinkedHashMap::new)
                        .map(customers -> Holdings.read(registration, customers))
                        .onErrorResume(RegistrarException.class,
                                failure -> Mono.just(Holdings.unreadable(registration, failure))),
                        Math.max(1, concurrency))
                .collectList();
    }
}
