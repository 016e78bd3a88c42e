package com.tenantregistrar.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.config.Settings;
import com.tenantregistrar.registration.Registration;
import com.tenantregistrar.registration.RegistrationCatalog;

/**
 * What can be checked of {@code deploy/azuredeploy.json} without Azure: it is an ARM template, it sets only settings
 * the app, the host or the platform reads, its role grants exactly the three customerSubscriptions actions on the
 * resource groups of the registrations the app is given and nowhere else, no secret has a default, the webhook gets
 * a key of its own, and Entra ID admits only the callers given. {@link TemplateSchemaTest} checks it against Azure's
 * schemas, {@link TemplateRulesTest} against what Azure and arm-ttk hold against a template.
 */
class DeploymentTemplateTest {

    private static final String SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

    /** Settings the Functions platform reads: the host's storage (by identity) and Application Insights. */
    private static final Set<String> PLATFORM = Set.of("AzureWebJobsStorage__accountName",
            "APPLICATIONINSIGHTS_CONNECTION_STRING");

    private static final Set<String> REGISTRAR_ACTIONS = Set.of(
            "Microsoft.AzureStack/registrations/customerSubscriptions/read",
            "Microsoft.AzureStack/registrations/customerSubscriptions/write",
            "Microsoft.AzureStack/registrations/customerSubscriptions/delete");

    private static final Pattern SECRET = Pattern.compile("(?i)secret|password|token|connection_?string");
    private static final Pattern PARAMETER = Pattern.compile("^\\[parameters\\('(\\w+)'\\)]$");

    /**
     * Three registrations: two in one resource group (spelt in two cases), one in another subscription and given as
     * a bare resource ID without its leading slash, and a trailing comma, all of which the app accepts.
     */
    private static final String REGISTRATIONS = "east=/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/"
            + "azurestack/providers/Microsoft.AzureStack/registrations/azurestack-east, west=/subscriptions/"
            + "11111111-1111-1111-1111-111111111111/resourceGroups/AzureStack/providers/Microsoft.AzureStack/registrations/"
            + "azurestack-west,subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/billing-north/providers/"
            + "Microsoft.AzureStack/registrations/azurestack-north,";
    private static final String NOBODY = "00000000-0000-0000-0000-000000000000";

    private final JsonNode template = DeployTemplate.read();

    private List<JsonNode> resourcesOfType(String type) {
        return DeployTemplate.resources(template).stream().filter(r -> r.path("type").asText().equalsIgnoreCase(type)).toList();
    }

    private Map<String, String> appSettings() {
        List<JsonNode> sites = resourcesOfType("Microsoft.Web/sites");
        assertEquals(1, sites.size(), "one function app");
        JsonNode settings = sites.get(0).path("properties").path("siteConfig").path("appSettings");
        assertTrue(settings.isArray() && !settings.isEmpty(), "the app's settings");
        Map<String, String> byName = new TreeMap<>();
        settings.forEach(s -> byName.put(s.path("name").asText(), s.path("value").asText()));
        return byName;
    }

    @Test
    void isAnArmTemplate() {
        assertEquals(SCHEMA, template.path("$schema").asText());
        assertTrue(template.path("contentVersion").isTextual());
        assertFalse(DeployTemplate.resources(template).isEmpty());
    }

    @Test
    void createsAFlexConsumptionLinuxAppForTheCustomHandlerWithItsIdentity() {
        JsonNode plan = resourcesOfType("Microsoft.Web/serverfarms").get(0);
        assertEquals("FlexConsumption", plan.path("sku").path("tier").asText());
        assertTrue(plan.path("properties").path("reserved").asBoolean(), "a Linux plan");
        JsonNode site = resourcesOfType("Microsoft.Web/sites").get(0);
        assertEquals("functionapp,linux", site.path("kind").asText());
        assertEquals("SystemAssigned", site.path("identity").path("type").asText());
        assertEquals("custom", site.path("properties").path("functionAppConfig").path("runtime").path("name").asText());
        assertEquals(1, resourcesOfType("Microsoft.Storage/storageAccounts").size());
        assertEquals(1, resourcesOfType("Microsoft.Insights/components").size());
    }

    @Test
    void setsOnlyDocumentedSettings() {
        Set<String> known = Settings.all().stream().map(Settings.Setting::variable).collect(Collectors.toSet());
        known.addAll(Settings.READ_BY_THE_HOST);
        known.addAll(PLATFORM);
        Set<String> unknown = new TreeSet<>(appSettings().keySet());
        unknown.removeAll(known);
        assertEquals(Set.of(), unknown, "app settings that neither the app, the host nor the platform reads");
        assertTrue(appSettings().keySet().containsAll(Set.of("REGISTRAR_REGISTRATIONS", "REGISTRAR_DRIFT_SCHEDULE")),
                "the settings without which the app or its timer does not start");
    }

    @Test
    void eachRegistrarSettingIsAParameter() {
        appSettings().forEach((name, value) -> {
            if (name.startsWith("REGISTRAR_")) {
                assertTrue(value.contains("parameters('"), name + " is set from a parameter, not " + value);
            }
        });
    }

    @Test
    void theRoleHasExactlyTheThreeCustomerSubscriptionsActions() {
        List<JsonNode> roles = resourcesOfType("Microsoft.Authorization/roleDefinitions");
        assertEquals(1, roles.size(), "one custom role");
        JsonNode permissions = roles.get(0).path("properties").path("permissions");
        assertEquals(1, permissions.size());
        JsonNode actions = permissions.get(0).path("actions");
        if (actions.isTextual()) { // "[variables('…')]"
            Matcher variable = Pattern.compile("^\\[variables\\('(\\w+)'\\)]$").matcher(actions.asText());
            assertTrue(variable.matches(), actions.asText());
            actions = template.path("variables").path(variable.group(1));
        }
        Set<String> granted = new TreeSet<>();
        actions.forEach(a -> granted.add(a.asText()));
        assertEquals(new TreeSet<>(REGISTRAR_ACTIONS), granted);
        assertEquals(REGISTRAR_ACTIONS.size(), actions.size(), "no action twice");
        Set<String> keys = new TreeSet<>();
        permissions.get(0).fieldNames().forEachRemaining(keys::add);
        assertEquals(Set.of("actions"), keys, "no notActions, and no data actions at all");
    }

    /**
     * The app and the role read one parameter: the role is assignable on, and assigned on, exactly the resource groups
     * of the registrations the app is given (each once, whatever the case), as the app itself parses them.
     */
    @Test
    void theRoleIsAssignedOnTheResourceGroupOfEachRegistrationOnly() {
        ArmExpressions expressions = new ArmExpressions(template, Map.of("registrations", REGISTRATIONS));
        assertEquals(REGISTRATIONS, expressions.evaluate(appSettings().get("REGISTRAR_REGISTRATIONS")));
        Set<String> expected = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (Registration registration : RegistrationCatalog.parse(REGISTRATIONS)) {
            String id = registration.resourceId();
            expected.add(id.substring(0, id.indexOf("/providers/")));
        }
        assertEquals(2, expected.size(), expected.toString());

        JsonNode perGroup = resourcesOfType("Microsoft.Resources/deployments").get(0);
        long count = (Long) expressions.evaluate(perGroup.path("copy").path("count").asText());
        List<String> assigned = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ArmExpressions at = expressions.atCopyIndex(i);
            assigned.add("/subscriptions/" + at.evaluate(perGroup.path("subscriptionId").asText()) + "/resourceGroups/"
                    + at.evaluate(perGroup.path("resourceGroup").asText()));
        }
        assertEquals(expected, caseInsensitive(assigned), "a nested deployment per group");
        assertEquals(expected.size(), assigned.size(), "each group once: " + assigned);
        JsonNode role = resourcesOfType("Microsoft.Authorization/roleDefinitions").get(0);
        assertEquals(expected, caseInsensitive(
                (List<?>) expressions.value(role.path("properties").path("assignableScopes"))), "assignable there only");

        List<JsonNode> assignments = DeployTemplate.resources(perGroup.path("properties").path("template"));
        assertEquals(1, assignments.size());
        assertEquals("Microsoft.Authorization/roleAssignments", assignments.get(0).path("type").asText());
        assertFalse(assignments.get(0).has("scope"), "assigned on the resource group itself");
        template.path("parameters").fields().forEachRemaining(p -> assertFalse(p.getValue().path("type").asText()
                .equals("array") && !p.getKey().startsWith("entra"), p.getKey() + ": the groups come from registrations"));
    }

    private static Set<String> caseInsensitive(List<?> values) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        values.forEach(v -> set.add((String) v));
        return set;
    }

    @Test
    void noSecretHasADefaultOrIsAPlainParameter() {
        Predicate<JsonNode> secure = p -> p.path("type").asText().toLowerCase().startsWith("secure");
        template.path("parameters").fields().forEachRemaining(p -> {
            if (secure.test(p.getValue())) {
                assertFalse(p.getValue().has("defaultValue"), p.getKey() + " is secret and has no default");
            } else {
                assertFalse(SECRET.matcher(p.getKey()).find(), p.getKey() + " looks secret: make it a securestring");
            }
        });
        appSettings().forEach((name, value) -> {
            Matcher parameter = PARAMETER.matcher(value);
            if (SECRET.matcher(name).find() && parameter.matches()) {
                assertTrue(secure.test(template.path("parameters").path(parameter.group(1))),
                        name + " comes from a securestring parameter");
            }
        });
        assertTrue(secure.test(template.path("parameters").path("partnerCenterClientSecret")));
    }

    @Test
    void theWebhookHasAPartnerCenterKeyOfItsOwn() {
        List<JsonNode> keys = resourcesOfType("Microsoft.Web/sites/functions/keys");
        assertEquals(1, keys.size(), "one function key");
        String name = keys.get(0).path("name").asText();
        assertTrue(name.contains("/partnerCenterWebhook/partner-center"), name);
        assertTrue(Path.of("src/main/azure-functions/partnerCenterWebhook/function.json").toFile().isFile(),
                "the function the key opens exists");
        assertTrue(resourcesOfType("Microsoft.Web/sites/host/functionKeys").isEmpty(), "no host-wide key");
    }

    /**
     * App Service Authentication is off unless {@code entraClientId} is given; when on, it answers 401 to a request
     * without an Entra ID token, except on the routes whose callers cannot present one (Partner Center's webhook,
     * the connector's swagger.json, health probes), and never exempts a function that reads or changes billing.
     */
    @Test
    void entraIdIsOffByDefaultAndLeavesOnlyTheWebhookSwaggerAndHealthOpen() throws IOException {
        List<JsonNode> auth = resourcesOfType("Microsoft.Web/sites/config").stream()
                .filter(r -> r.path("name").asText().contains("/authsettingsV2'")).toList();
        assertEquals(1, auth.size(), "one authsettingsV2 resource");
        JsonNode parameter = template.path("parameters").path("entraClientId");
        assertEquals("", parameter.path("defaultValue").asText("absent"), "off by default");
        assertEquals("[not(empty(parameters('entraClientId')))]", auth.get(0).path("condition").asText());

        JsonNode properties = auth.get(0).path("properties");
        JsonNode validation = properties.path("globalValidation");
        assertTrue(validation.path("requireAuthentication").asBoolean());
        assertEquals("Return401", validation.path("unauthenticatedClientAction").asText());
        JsonNode entra = properties.path("identityProviders").path("azureActiveDirectory");
        assertEquals("[parameters('entraClientId')]", entra.path("registration").path("clientId").asText());

        Set<String> excluded = new TreeSet<>();
        validation.path("excludedPaths").forEach(p -> excluded.add(p.asText()));
        assertTrue(excluded.containsAll(Set.of("/partnerCenterWebhook", "/swagger.json", "/q/health/ready")),
                "the webhook, swagger.json and the platform's health check: " + excluded);
        for (String function : keyedFunctions()) {
            if (!function.equals("partnerCenterWebhook")) {
                assertTrue(excluded.stream().noneMatch(p -> p.toLowerCase().startsWith("/" + function.toLowerCase())),
                        function + " stays behind Entra ID: " + excluded);
            }
        }
    }

    /**
     * With Entra ID on, only the client applications and principals given get through; none given admits nobody
     * (a placeholder no token carries) rather than every principal of the tenant.
     */
    @Test
    void entraIdAdmitsOnlyTheAllowedApplicationsAndPrincipals() {
        JsonNode auth = resourcesOfType("Microsoft.Web/sites/config").get(0);
        JsonNode policy = auth.path("properties").path("identityProviders").path("azureActiveDirectory")
                .path("validation").path("defaultAuthorizationPolicy");
        String entraApp = "33333333-3333-3333-3333-333333333333";
        ArmExpressions off = new ArmExpressions(template, Map.of());
        assertEquals(false, off.evaluate(auth.path("condition").asText()), "off by default");

        List<String> apps = List.of("44444444-4444-4444-4444-444444444444", "04b07795-8ddb-461a-bbee-02f9e1bf7b46");
        List<String> principals = List.of("55555555-5555-5555-5555-555555555555");
        ArmExpressions on = new ArmExpressions(template, Map.of("entraClientId", entraApp,
                "entraAllowedClientApplications", apps, "entraAllowedPrincipals", principals));
        assertEquals(true, on.evaluate(auth.path("condition").asText()));
        assertEquals(apps, on.value(policy.path("allowedApplications")));
        assertEquals(principals, on.value(policy.path("allowedPrincipals").path("identities")));

        ArmExpressions nobody = new ArmExpressions(template, Map.of("entraClientId", entraApp));
        assertEquals(List.of(NOBODY), nobody.value(policy.path("allowedApplications")));
        assertEquals(List.of(NOBODY), nobody.value(policy.path("allowedPrincipals").path("identities")));
    }

    /** The HTTP functions that need a function key (authLevel function), by folder name, which is their route. */
    private static List<String> keyedFunctions() throws IOException {
        List<String> keyed = new ArrayList<>();
        try (Stream<Path> folders = Files.list(Path.of("src/main/azure-functions"))) {
            for (Path folder : folders.sorted().toList()) {
                JsonNode bindings = new ObjectMapper().readTree(folder.resolve("function.json").toFile()).path("bindings");
                for (JsonNode binding : bindings) {
                    if ("function".equals(binding.path("authLevel").asText())) {
                        assertFalse(binding.has("route"), folder + " is routed by its folder's name");
                        keyed.add(folder.getFileName().toString());
                    }
                }
            }
        }
        assertTrue(keyed.containsAll(List.of("registerCustomer", "removeCustomer", "checkDrift", "partnerCenterWebhook")),
                keyed.toString());
        return keyed;
    }
}
