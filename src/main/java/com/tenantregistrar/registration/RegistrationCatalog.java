package com.tenantregistrar.registration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.azure.resourcemanager.resources.fluentcore.arm.ResourceId;
import com.tenantregistrar.config.InvalidSettingException;
import com.tenantregistrar.config.RegistrarConfig;
import com.tenantregistrar.error.InvalidRequestException;
import com.tenantregistrar.error.UnknownRegistrationException;

import io.quarkus.runtime.Startup;

/**
 * The registrations configured in {@code REGISTRAR_REGISTRATIONS}, by alias. Built at start-up so that a
 * misconfiguration stops the app with a message instead of failing the first customer's call.
 */
@Startup
@ApplicationScoped
public class RegistrationCatalog {

    /** What a caller names instead of aliases to mean every configured registration. */
    public static final String EVERY = "*";
    static final String SETTING = "REGISTRAR_REGISTRATIONS";
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    private final Map<String, Registration> byAlias;

    @Inject
    public RegistrationCatalog(RegistrarConfig config) {
        this(parse(config.registrations().orElse("")));
    }

    RegistrationCatalog(List<Registration> registrations) {
        Map<String, Registration> map = new LinkedHashMap<>();
        registrations.forEach(r -> map.put(r.alias().toLowerCase(Locale.ROOT), r));
        this.byAlias = map;
    }

    /** All configured registrations, in configured order. */
    public List<Registration> all() {
        return List.copyOf(byAlias.values());
    }

    /** The configured aliases, in configured order. */
    public List<String> aliases() {
        return all().stream().map(Registration::alias).toList();
    }

    /** The registration with this alias (case-insensitive). */
    public Registration byAlias(String alias) {
        if (alias == null || alias.isBlank()) {
            throw new InvalidRequestException("A registration alias is empty. Name one of: "
                    + String.join(", ", aliases()) + " (or \"" + EVERY + "\" alone for every registration).");
        }
        Registration registration = byAlias.get(alias.trim().toLowerCase(Locale.ROOT));
        if (registration == null) {
            throw new UnknownRegistrationException(alias, aliases());
        }
        return registration;
    }

    /**
     * The registrations a caller's {@code registrations} names: aliases, or {@code ["*"]} for every configured one.
     * Duplicates are asked once.
     *
     * @throws InvalidRequestException when the list is empty, or mixes {@code "*"} with aliases
     */
    public List<Registration> select(List<String> aliases) {
        if (aliases.isEmpty()) {
            throw new InvalidRequestException("'registrations' is empty, so the call would do nothing. Name one or "
                    + "more of " + String.join(", ", aliases()) + ", or send [\"" + EVERY + "\"] for every "
                    + "registration.");
        }
        if (aliases.stream().anyMatch(RegistrationCatalog::isEvery)) {
            if (!aliases.stream().allMatch(RegistrationCatalog::isEvery)) {
                throw new InvalidRequestException("'registrations' mixes \"" + EVERY + "\" (every registration) with "
                        + "aliases. Send either [\"" + EVERY + "\"] or the aliases.");
            }
            return all();
        }
        return aliases.stream().map(this::byAlias).distinct().toList();
    }

    private static boolean isEvery(String alias) {
        return alias != null && alias.trim().equals(EVERY);
    }

    /**
     * Parses the setting's value.
     *
     * @throws InvalidSettingException naming the setting and what is wrong with it
     */
    public static List<Registration> parse(String value) {
        List<Registration> result = new ArrayList<>();
        Map<String, String> aliasToId = new LinkedHashMap<>();
        Map<String, String> idToAlias = new LinkedHashMap<>();
        for (String raw : value.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String id = eq < 0 ? entry : entry.substring(eq + 1).trim();
            ResourceId parsed = parseRegistrationId(id);
            String alias = eq < 0 ? parsed.name() : entry.substring(0, eq).trim();
            if (!ALIAS.matcher(alias).matches()) {
                throw invalid("the alias '" + alias + "' must be 1 to 64 letters, digits, '.', '_' or '-', "
                        + "starting with a letter or digit");
            }
            String canonicalId = canonical(parsed);
            String aliasKey = alias.toLowerCase(Locale.ROOT);
            if (aliasToId.putIfAbsent(aliasKey, canonicalId) != null) {
                throw invalid("the alias '" + alias + "' is used twice; give each registration its own alias");
            }
            String idKey = canonicalId.toLowerCase(Locale.ROOT);
            String other = idToAlias.putIfAbsent(idKey, alias);
            if (other != null) {
                throw invalid("the registration " + canonicalId + " is listed twice (as '" + other + "' and '"
                        + alias + "'); every call would reach it twice");
            }
            result.add(new Registration(alias, canonicalId));
        }
        if (result.isEmpty()) {
            throw invalid("no registration is configured. Set it to a comma-separated list of "
                    + "'alias=/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.AzureStack/registrations/<name>'");
        }
        return result;
    }

    private static ResourceId parseRegistrationId(String id) {
        ResourceId parsed;
        try {
            parsed = ResourceId.fromString(id.startsWith("/") ? id : "/" + id);
        } catch (RuntimeException e) {
            throw invalid("'" + id + "' is not an ARM resource ID (" + e.getMessage() + ")");
        }
        boolean isRegistration = "Microsoft.AzureStack".equalsIgnoreCase(parsed.providerNamespace())
                && "registrations".equalsIgnoreCase(parsed.resourceType())
                && parsed.parent() == null;
        if (!isRegistration || parsed.resourceGroupName() == null) {
            throw invalid("'" + id + "' is not the resource ID of a Microsoft.AzureStack/registrations resource; "
                    + "expected /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.AzureStack/registrations/<name>");
        }
        if (!GUID.matcher(parsed.subscriptionId()).matches()) {
            throw invalid("'" + id + "' names the subscription '" + parsed.subscriptionId() + "', which is not a GUID");
        }
        return parsed;
    }

    private static String canonical(ResourceId id) {
        return "/subscriptions/" + id.subscriptionId().toLowerCase(Locale.ROOT) + "/resourceGroups/"
                + id.resourceGroupName() + "/providers/Microsoft.AzureStack/registrations/" + id.name();
    }

    private static InvalidSettingException invalid(String what) {
        return new InvalidSettingException(SETTING + " is invalid: " + what + ".");
    }
}
