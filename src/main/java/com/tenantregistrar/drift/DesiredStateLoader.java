package com.tenantregistrar.drift;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.config.RegistrarConfig;
import com.tenantregistrar.drift.Manifest.DesiredCustomer;
import com.tenantregistrar.error.InvalidRequestException;
import com.tenantregistrar.error.UnknownRegistrationException;
import com.tenantregistrar.registration.Guid;
import com.tenantregistrar.registration.Registration;
import com.tenantregistrar.registration.RegistrationCatalog;

/**
 * Reads the manifest at {@code REGISTRAR_DESIRED_STATE} on every check, so that an operator's edit takes effect
 * at the next run: {@code {"customers": [{"customerSubscriptionId", "tenantId", "registrations": [...]}]}}. Beside
 * Partner Center the manifest overrides it per tenant, and only there {@code {"tenantId", "registrations": []}}
 * means "this tenant on no registration" (the subscription may then be left out); alone, an empty list is refused
 * as before, since it is more likely a mistake than a wish.
 */
@ApplicationScoped
public class DesiredStateLoader {

    private final RegistrarConfig config;
    private final RegistrationCatalog catalog;
    private final ObjectMapper mapper;

    @Inject
    public DesiredStateLoader(RegistrarConfig config, RegistrationCatalog catalog, ObjectMapper mapper) {
        this.config = config;
        this.catalog = catalog;
        this.mapper = mapper;
    }

    /**
     * The manifest, or empty when none is configured.
     *
     * @param overridesPartnerCenter whether it overrides Partner Center, where {@code "registrations": []} excludes
     *        a tenant
     */
    public Optional<Manifest> load(boolean overridesPartnerCenter) {
        return config.desiredState().map(file -> read(file, overridesPartnerCenter));
    }

    Manifest read(Path file, boolean overridesPartnerCenter) {
        JsonNode root;
        try {
            root = mapper.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new InvalidDesiredStateException(file.toString(), "does not exist");
        } catch (JsonProcessingException e) {
            throw new InvalidDesiredStateException(file.toString(), "is not valid JSON at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidDesiredStateException(file.toString(), "cannot be read (" + e.getMessage() + ")");
        }
        return parse(file.toString(), root, overridesPartnerCenter);
    }

    private Manifest parse(String file, JsonNode root, boolean overridesPartnerCenter) {
        if (root == null || !root.isObject() || !root.path("customers").isArray()) {
            throw new InvalidDesiredStateException(file, "must be an object with a \"customers\" array "
                    + "(an empty file or a truncated one is refused)");
        }
        List<DesiredCustomer> customers = new ArrayList<>();
        Set<String> excluded = new LinkedHashSet<>();
        Map<String, String> seenSubscriptions = new HashMap<>();
        Map<String, String> tenantOnRegistration = new HashMap<>();
        JsonNode entries = root.path("customers");
        for (int i = 0; i < entries.size(); i++) {
            String at = "customers[" + i + "]";
            JsonNode entry = entries.get(i);
            String tenant = guid(file, at + ".tenantId", entry.path("tenantId"));
            if (overridesPartnerCenter && isEmptyList(entry.path("registrations"))) {
                if (!entry.path("customerSubscriptionId").isMissingNode()) {
                    guid(file, at + ".customerSubscriptionId", entry.path("customerSubscriptionId"));
                }
                excluded.add(tenant);
                continue;
            }
            String subscription = guid(file, at + ".customerSubscriptionId", entry.path("customerSubscriptionId"));
            String earlier = seenSubscriptions.putIfAbsent(subscription, at);
            if (earlier != null) {
                throw new InvalidDesiredStateException(file, "lists the customer subscription " + subscription
                        + " twice, at " + earlier + " and " + at);
            }
            List<Registration> registrations = registrations(file, at, entry.path("registrations"));
            for (Registration registration : registrations) {
                String other = tenantOnRegistration.putIfAbsent(tenant + " " + registration.alias(), subscription);
                if (other != null) {
                    throw new InvalidDesiredStateException(file, "maps the tenant " + tenant + " to two subscriptions ("
                            + other + " and " + subscription + ") on the registration '" + registration.alias()
                            + "', at " + at + "; a registration holds one subscription per tenant");
                }
            }
            customers.add(new DesiredCustomer(subscription, tenant, registrations));
        }
        for (DesiredCustomer customer : customers) {
            if (excluded.contains(customer.tenantId())) {
                throw new InvalidDesiredStateException(file, "both excludes the tenant " + customer.tenantId()
                        + " (\"registrations\": []) and puts its subscription " + customer.customerSubscriptionId()
                        + " on registrations; keep one of the two");
            }
        }
        return new Manifest(List.copyOf(customers), Set.copyOf(excluded));
    }

    private static boolean isEmptyList(JsonNode aliases) {
        return aliases.isArray() && aliases.isEmpty();
    }

    private static String guid(String file, String field, JsonNode value) {
        if (!value.isTextual() || !Guid.isGuid(value.asText())) {
            throw new InvalidDesiredStateException(file, "has " + (value.isMissingNode() ? "no " + field
                    : "a " + field + " that is not a GUID: " + value));
        }
        return new Guid(value.asText()).value();
    }

    private List<Registration> registrations(String file, String at, JsonNode aliases) {
        if (aliases.isMissingNode() || aliases.isNull()) {
            return catalog.all();
        }
        if (!aliases.isArray() || aliases.isEmpty()) {
            throw new InvalidDesiredStateException(file, "has " + at + ".registrations that is not a non-empty list "
                    + "of aliases (leave it out to mean every registration; [] excludes a tenant only when Partner "
                    + "Center is the source, REGISTRAR_PARTNER_CENTER_CLIENT_ID)");
        }
        List<Registration> registrations = new ArrayList<>();
        for (int j = 0; j < aliases.size(); j++) {
            try {
                registrations.add(catalog.byAlias(aliases.get(j).asText("")));
            } catch (UnknownRegistrationException | InvalidRequestException e) {
                throw new InvalidDesiredStateException(file, "names an unknown registration at " + at
                        + ".registrations[" + j + "]: " + aliases.get(j) + " (configured: "
                        + String.join(", ", catalog.aliases()) + ")");
            }
        }
        return registrations.stream().distinct().toList();
    }
}
