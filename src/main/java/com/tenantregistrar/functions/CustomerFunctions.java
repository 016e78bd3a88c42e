package com.tenantregistrar.functions;

import java.util.List;

import jakarta.inject.Inject;

import com.tenantregistrar.error.InvalidRequestException;
import com.tenantregistrar.registration.CustomerRegistrationService;
import com.tenantregistrar.registration.CustomerRegistrationService.Inventory;
import com.tenantregistrar.registration.CustomerRegistrationService.Outcome;
import com.tenantregistrar.registration.Guid;
import com.tenantregistrar.registration.RegistrationCatalog;

import io.quarkus.funqy.Funq;
import io.smallrye.mutiny.Uni;

/**
 * The HTTP functions {@code registerCustomer}, {@code listRegisteredCustomers} and {@code removeCustomer}: each
 * checks its input, then hands it to {@link CustomerRegistrationService}.
 */
public class CustomerFunctions {

    @Inject
    CustomerRegistrationService service;

    @Inject
    RegistrationCatalog catalog;

    @Funq("registerCustomer")
    public Uni<Outcome> registerCustomer(RegisterCustomerRequest request) {
        RegisterCustomerRequest body = required(request, "registerCustomer",
                "{\"customerSubscriptionId\": \"<guid>\", \"tenantId\": \"<guid>\"}");
        Guid subscription = Guid.require("customerSubscriptionId", body.getCustomerSubscriptionId());
        Guid tenant = Guid.require("tenantId", body.getTenantId());
        return service.register(subscription, tenant, catalog.select(body.getRegistrations()));
    }

    @Funq("listRegisteredCustomers")
    public Uni<Inventory> listRegisteredCustomers(ListRegisteredCustomersRequest request) {
        String alias = request == null ? null : request.getRegistration();
        return service.list(alias == null || alias.isBlank() ? catalog.all() : List.of(catalog.byAlias(alias)));
    }

    @Funq("removeCustomer")
    public Uni<Outcome> removeCustomer(RemoveCustomerRequest request) {
        RemoveCustomerRequest body = required(request, "removeCustomer", "{\"customerSubscriptionId\": \"<guid>\"}");
        Guid subscription = Guid.require("customerSubscriptionId", body.getCustomerSubscriptionId());
        return service.remove(subscription, catalog.select(body.getRegistrations()));
    }

    private static <T> T required(T body, String function, String example) {
        if (body == null) {
            throw new InvalidRequestException(function + " needs a JSON body such as " + example + ".");
        }
        return body;
    }
}
