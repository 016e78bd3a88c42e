package com.tenantregistrar.registration;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.tenantregistrar.arm.CustomerSubscriptionsClient;
import com.tenantregistrar.arm.ArmWrite;
import com.tenantregistrar.config.RegistrarConfig;
import com.tenantregistrar.correlation.CallContext;
import com.tenantregistrar.error.RegistrarException;
import com.tenantregistrar.error.TenantConflictException;
import com.tenantregistrar.journal.Intent;
import com.tenantregistrar.registration.FanOut.Attempt;

import io.smallrye.mutiny.Uni;
import reactor.core.publisher.Mono;

/**
 * Registers, lists and removes customer subscriptions on one or several registrations: the same ARM calls on each
 * registration, made on all of them even when some fail, every outcome reported. A call's registrations share one
 * token attempt ({@link CustomerSubscriptionsClient#authenticated()}): when the identity fails, every registration
 * answers that one failure and no ARM request is made.
 */
@ApplicationScoped
public class CustomerRegistrationService {

    private static final Logger LOG = Logger.getLogger(CustomerRegistrationService.class);
    /** The status of a registration that already holds the customer subscription with its tenant. */
    private static final String UNCHANGED = "unchanged";

    private final CustomerSubscriptionsClient client;
    private final int concurrency;

    @Inject
    public CustomerRegistrationService(CustomerSubscriptionsClient client, RegistrarConfig config) {
        this.client = client;
        this.concurrency = config.arm().maxConcurrency();
    }

    /** An answer that reports every registration's result. */
    public interface Settled {

        List<RegistrationResult> results();
    }

    /** The outcome of registering or removing one customer subscription. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outcome(String customerSubscriptionId, String tenantId, List<RegistrationResult> results)
            implements Settled {
    }

    /** Customers found on the registrations asked for, and what each registration answered. */
    public record Inventory(List<RegisteredCustomer> customers, int count, List<RegistrationResult> results)
            implements Settled {
    }

    /**
     * Adds the customer subscription with its tenant to each registration. Each registration's entries are read
     * first (every page), in this call rather than from a cached view, because a PUT may change what is registered
     * ({@link RegistrationDecision}) and only a fresh read tells: one that is there already is {@code unchanged},
     * with no PUT; one whose PUT would change the subscription's tenant or unmap the tenant's other subscription is
     * a 409 {@code TenantConflict} there, unless {@code replace}. A registration that cannot be read is not written.
     */
    public Uni<Outcome> register(Guid customerSubscriptionId, Guid tenantId, boolean replace,
            List<Registration> registrations) {
        CallContext call = CallContext.current();
        Mono<Void> token = client.authenticated().cache();
        return settle(FanOut.run(registrations, concurrency, registration -> token.then(client.list(registration)
                .collectList())
                .flatMap(entries -> write(call, registration, customerSubscriptionId, tenantId,
                        RegistrationDecision.decide(entries, customerSubscriptionId, tenantId, replace))))
                .map(results -> new Outcome(customerSubscriptionId.value(), tenantId.value(), results)));
    }

    private Mono<String> write(CallContext call, Registration registration, Guid customerSubscriptionId, Guid tenantId,
            RegistrationDecision decision) {
        return switch (decision.action()) {
            case UNCHANGED -> Mono.just(UNCHANGED);
            case CONFLICT -> {
                call.run(() -> LOG.warnf("%s: %s", registration.alias(), decision.conflict()));
                yield Mono.error(new TenantConflictException(decision.conflict()));
            }
            case PUT, REWRITE, REPLACE -> client.put(registration, customerSubscriptionId, tenantId,
                    decision.intent(), call).map(ArmWrite::status);
        };
    }

    /**
     * Removes the customer subscription from each registration; one that was not there is {@code absent}. Each
     * entry is read first, so that the change journal records the tenant removed: a removal is what an audit of a
     * tenant's billing must not miss. A read that fails does not stop the removal, which is then journaled without it.
     */
    public Uni<Outcome> remove(Guid customerSubscriptionId, List<Registration> registrations) {
        Mono<Void> token = client.authenticated().cache();
        return settle(FanOut.run(registrations, concurrency,
                registration -> token.then(client.tenantOf(registration, customerSubscriptionId)
                        .onErrorResume(RegistrarException.class, unread -> {
                            LOG.warnf("%s: %s could not be read before its removal (%s %s); the removal goes on, "
                                    + "and its journal record names no tenant", registration.alias(),
                                    customerSubscriptionId.value(), unread.code(), unread.getMessage());
                            return Mono.just(Optional.empty());
                        }))
                        .flatMap(before -> client.delete(registration, customerSubscriptionId,
                                Intent.remove(before.orElse(null)), null))
                        .map(ArmWrite::status))
                .map(results -> new Outcome(customerSubscriptionId.value(), null, results)));
    }

    /**
     * Every customer subscription on each registration. A registration that fails does not hide the others: the
     * customers read are answered beside the failure.
     */
    public Uni<Inventory> list(List<Registration> registrations) {
        Mono<Void> token = client.authenticated().cache();
        return settle(FanOut.attempt(registrations, concurrency,
                registration -> token.then(client.list(registration).collectList()))
                .map(CustomerRegistrationService::inventory));
    }

    private static Inventory inventory(List<Attempt<List<RegisteredCustomer>>> attempts) {
        List<RegisteredCustomer> customers = attempts.stream().filter(attempt -> attempt.failure() == null)
                .flatMap(attempt -> attempt.value().stream()).toList();
        List<RegistrationResult> results = attempts.stream()
                .map(attempt -> attempt.result(read -> RegistrationResult.listed(attempt.registration(), read.size())))
                .toList();
        return new Inventory(customers, customers.size(), results);
    }

    /** Completes with the answer, or fails with the most severe failure carrying the whole answer. */
    private static <T extends Settled> Uni<T> settle(Mono<T> outcome) {
        return Uni.createFrom().completionStage(() -> outcome.toFuture()).map(value -> {
            Optional<RegistrarException> failure = FanOut.mostSevere(value.results());
            if (failure.isPresent()) {
                throw failure.get().withResult(value);
            }
            return value;
        });
    }
}
