package com.tenantregistrar.functions;

import java.util.List;

import jakarta.inject.Inject;

import com.tenantregistrar.error.InvalidRequestException;
import com.tenantregistrar.registration.CustomerRegistrationService;
import com.tenantregistrar.registration.CustomerRegistrationService.Inventory;
import com.tenantregistrar.registration.CustomerRegistrationService.Outcome;
import com.tenantregistrar.registration.Guid;
import com.tenantregistrar.registration.Registration;
import com.tenantregistrar.registration.RegistrationCatalog;

import io.quarkus.funqy.Funq;
import io.smallrye.mutiny.Uni;

/**
 * The HTTP functions {@code registerCustomer}, {@code listRegisteredCustomers} and {@code removeCustomer}: each
 * checks its input ({@link CallerInput}), then hands it to {@link CustomerRegistrationService}.
 */
public class CustomerFunctions {

    @Inject
    CustomerRegistrationService service;

    @Inject
    RegistrationCatalog catalog;

    @Inject
    CallerInput input;

    @Funq("registerCustomer")
    public Uni<Outcome> registerCustomer(RegisterCustomerRequest request) {
        RegisterCustomerRequest body = required(input.check("registerCustomer", RegisterCustomerRequest.class, request),
                "registerCustomer", "{\"customerSubscriptionId\": \"<guid>\", \"tenantId\": \"<guid>\"}");
        Guid subscription = Guid.require("customerSubscriptionId", body.getCustomerSubscriptionId());
        Guid tenant = Guid.require("tenantId", body.getTenantId());
        boolean replace = flag("replace", body.getReplace());
        // Adding is safe, so no registrations means every one; removing everywhere must be asked for (below).
        List<Registration> registrations = body.getRegistrations() == null ? catalog.all()
                : catalog.select(body.getRegistrations());
        return service.register(subscription, tenant, replace, registrations);
    }

    @Funq("listRegisteredCustomers")
    public Uni<Inventory> listRegisteredCustomers(ListRegisteredCustomersRequest request) {
        ListRegisteredCustomersRequest body = input.check("listRegisteredCustomers",
                ListRegisteredCustomersRequest.class, request);
        String alias = body == null ? null : body.getRegistration();
        return service.list(alias == null ? catalog.all() : List.of(catalog.byAlias(alias)));
    }

    @Funq("removeCustomer")
    public Uni<Outcome> removeCustomer(RemoveCustomerRequest request) {
        RemoveCustomerRequest body = required(input.check("removeCustomer", RemoveCustomerRequest.class, request),
                "removeCustomer", "{\"customerSubscriptionId\": \"<guid>\", \"registrations\": [\"<alias>\"]}");
        Guid subscription = Guid.require("customerSubscriptionId", body.getCustomerSubscriptionId());
        if (body.getRegistrations() == null) {
            throw new InvalidRequestException("removeCustomer needs 'registrations': name the registrations to remove "
                    + "the customer subscription from (" + String.join(", ", catalog.aliases()) + "), or send [\""
                    + RegistrationCatalog.EVERY + "\"] to remove it from every registration.");
        }
        return service.remove(subscription, catalog.select(body.getRegistrations()));
    }

    /** The optional boolean field {@code field}: false when absent or null. */
    private static boolean flag(String field, Object raw) {
        if (raw == null || raw instanceof Boolean) {
            return Boolean.TRUE.equals(raw);
        }
        String sent = raw instanceof String ? "a string" : raw instanceof Number ? "a number"
                : raw instanceof List ? "an array" : "an object";
        throw new InvalidRequestException("'" + field + "' must be true or false (a JSON boolean), not " + sent + ".");
    }

    private static <T> T required(T body, String function, String example) {
        if (body == null) {
            throw new InvalidRequestException(function + " needs a JSON body such as " + example + ".");
        }
        return body;
    }
}
