package com.tenantregistrar.drift;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.config.RegistrarConfig;
import com.tenantregistrar.drift.DesiredState.DesiredCustomer;
import com.tenantregistrar.error.InvalidRequestException;
import com.tenantregistrar.error.UnknownRegistrationException;
import com.tenantregistrar.registration.Guid;
import com.tenantregistrar.registration.Registration;
import com.tenantregistrar.registration.RegistrationCatalog;

/**
 * Reads the manifest at {@code REGISTRAR_DESIRED_STATE} on every check, so that an operator's edit takes effect
 * at the next run: {@code {"customers": [{"customerSubscriptionId", "tenantId", "registrations": [...]}]}}.
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

    /** The manifest, or empty when none is configured. */
    public Optional<DesiredState> load() {
        return config.desiredState().map(this::read);
    }

    DesiredState read(Path file) {
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
        return parse(file.toString(), root);
    }

    private DesiredState parse(String file, JsonNode root) {
        if (root == null || !root.isObject() || !root.path("customers").isArray()) {
            throw new InvalidDesiredStateException(file, "must be an object with a \"customers\" array "
                    + "(an empty file or a truncated one is refused)");
        }
        List<DesiredCustomer> customers = new ArrayList<>();
        Map<String, String> seenSubscriptions = new HashMap<>();
        Map<String, String> tenantOnRegistration = new HashMap<>();
        JsonNode entries = root.path("customers");
        for (int i = 0; i < entries.size(); i++) {
            String at = "customers[" + i + "]";
            JsonNode entry = entries.get(i);
            String subscription = guid(file, at + ".customerSubscriptionId", entry.path("customerSubscriptionId"));
            String tenant = guid(file, at + ".tenantId", entry.path("tenantId"));
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
        return new DesiredState(List.copyOf(customers));
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
                    + "of aliases (leave it out to mean every registration)");
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
