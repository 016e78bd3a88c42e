package com.tenantregistrar.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What Azure and its template linter (arm-ttk) would hold against {@code deploy/azuredeploy.json}, checked on what
 * the template computes: the app's identity can use the tables the app keeps its state in, the plan's instance limit
 * is one Flex Consumption accepts, every API version is the newest stable one of the official schemas, no property
 * is blank, and logs are kept at least 90 days.
 */
class TemplateRulesTest {

    private static final String BLOB_DATA_OWNER = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private static final String TABLE_DATA_CONTRIBUTOR = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    /** Flex Consumption's lowest maximum scale ({@code lowestMaximumInstanceCount} of its stack data). */
    private static final int LOWEST_MAXIMUM_INSTANCE_COUNT = 40;
    /** Properties arm-ttk's Template-Should-Not-Contain-Blanks lets be empty (those this template could have). */
    private static final Set<String> MAY_BE_BLANK = Set.of("defaultValue", "value", "resources", "outputs", "variables",
            "parameters", "functions", "properties");
    /** {@code reference(resourceId('<type>', <names, one level of calls deep>), '<API version>'}. */
    private static final Pattern REFERENCE = Pattern.compile(
            "reference\\(resourceId\\('([^']+)'(?:[^()]|\\([^()]*\\))*\\), '([^']+)'");

    private final JsonNode template = DeployTemplate.read();
    private final ArmExpressions expressions = new ArmExpressions(template, Map.of());

    private JsonNode only(String type) {
        List<JsonNode> found = DeployTemplate.resources(template).stream()
                .filter(r -> r.path("type").asText().equalsIgnoreCase(type)).toList();
        assertEquals(1, found.size(), "one " + type);
        return found.get(0);
    }

    /** The roles given on the storage account, by role definition ID, each to the app's own identity. */
    @Test
    void theAppsIdentityMayUseTheAccountsTablesAndBlobs() {
        String account = (String) expressions.evaluate(only("Microsoft.Storage/storageAccounts").path("name").asText());
        String principal = template.path("outputs").path("principalId").path("value").asText();
        Set<String> roles = new TreeSet<>();
        for (JsonNode assignment : DeployTemplate.resources(template)) {
            if (assignment.path("type").asText().equals("Microsoft.Authorization/roleAssignments")
                    && ("Microsoft.Storage/storageAccounts/" + account).equals(value(assignment.path("scope")))) {
                assertEquals(principal, assignment.path("properties").path("principalId").asText(), "the app's identity");
                String role = (String) value(assignment.path("properties").path("roleDefinitionId"));
                roles.add(role.substring(role.lastIndexOf('/') + 1));
            }
        }
        assertEquals(new TreeSet<>(Set.of(BLOB_DATA_OWNER, TABLE_DATA_CONTRIBUTOR)), roles,
                "Storage Blob Data Owner (the host, the package) and Storage Table Data Contributor (the app's state)");
    }

    @Test
    void thePlansInstanceLimitIsOneFlexConsumptionAccepts() {
        JsonNode parameter = template.path("parameters").path("maximumInstanceCount");
        assertTrue(parameter.path("minValue").asInt() >= LOWEST_MAXIMUM_INSTANCE_COUNT, parameter.toString());
        assertTrue(parameter.path("defaultValue").asInt() >= parameter.path("minValue").asInt(), parameter.toString());
        JsonNode scale = only("Microsoft.Web/sites").path("properties").path("functionAppConfig").path("scaleAndConcurrency");
        assertEquals(123L, new ArmExpressions(template, Map.of("maximumInstanceCount", 123L))
                .value(scale.path("maximumInstanceCount")), "the plan's limit is the parameter");
    }

    /** Resources and the API versions their {@code reference()} calls read them at, against {@code api-versions.json}. */
    @Test
    void everyApiVersionIsTheNewestStableOneOfTheSchemas() {
        Map<String, List<String>> versions = ArmSchemas.apiVersions();
        Map<String, String> stale = new TreeMap<>();
        for (JsonNode resource : DeployTemplate.resources(template)) {
            check(versions, resource.path("type").asText(), resource.path("apiVersion").asText(), stale);
        }
        Matcher reference = REFERENCE.matcher(template.toString());
        int references = 0;
        for (; reference.find(); references++) {
            check(versions, reference.group(1), reference.group(2), stale);
        }
        assertEquals(template.toString().split("reference\\(", -1).length - 1, references, "every reference() is read");
        assertEquals(Map.of(), stale, "type at version -> the newest stable one");
    }

    private static void check(Map<String, List<String>> versions, String type, String apiVersion, Map<String, String> stale) {
        List<String> known = versions.get(type);
        assertTrue(known != null, type + " is not in src/test/resources/arm-schemas/api-versions.json");
        String newest = known.stream().filter(v -> !v.contains("preview")).max(String::compareTo).orElseThrow();
        if (!apiVersion.equals(newest)) {
            stale.put(type + " at " + apiVersion, newest);
        }
    }

    @Test
    void noPropertyIsBlank() throws Exception {
        assertEquals(List.of(), blanks(template, "$"));
        JsonNode blank = new ObjectMapper().readTree("{\"permissions\": [{\"actions\": [\"a\"], \"notActions\": []}]}");
        assertEquals(List.of("$.permissions[0].notActions"), blanks(blank, "$"), "the check finds a blank");
    }

    /** Where a property's value is an empty string, array or object, or null, as arm-ttk finds them. */
    private static List<String> blanks(JsonNode node, String path) {
        List<String> found = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                found.addAll(blanks(node.get(i), path + "[" + i + "]"));
            }
        }
        node.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            boolean blank = value.isNull() || value.isContainerNode() && value.isEmpty()
                    || value.isTextual() && value.asText().isBlank();
            if (blank && !MAY_BE_BLANK.contains(field.getKey())) {
                found.add(path + "." + field.getKey());
            }
            found.addAll(blanks(value, path + "." + field.getKey()));
        });
        return found;
    }

    /** Every value the retention parameter allows keeps the workspace's and Application Insights' data 90 days or more. */
    @Test
    void logsAreKeptAtLeast90Days() {
        JsonNode workspace = only("Microsoft.OperationalInsights/workspaces").path("properties").path("retentionInDays");
        JsonNode insights = only("Microsoft.Insights/components").path("properties").path("RetentionInDays");
        JsonNode parameter = template.path("parameters").path("logRetentionDays");
        List<Long> allowed = new ArrayList<>();
        parameter.path("allowedValues").forEach(v -> allowed.add(v.asLong()));
        assertFalse(allowed.isEmpty(), "the retention is one of a few values: " + parameter);
        allowed.add(parameter.path("defaultValue").asLong());
        for (long days : allowed) {
            ArmExpressions with = new ArmExpressions(template, Map.of("logRetentionDays", days));
            for (JsonNode retention : List.of(workspace, insights)) {
                Object kept = with.value(retention);
                assertTrue(kept instanceof Number n && n.longValue() >= 90 && n.longValue() == days,
                        "kept " + kept + " days with logRetentionDays=" + days);
            }
        }
    }

    private Object value(JsonNode node) {
        return expressions.value(node);
    }
}
