package com.tenantregistrar.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.tenantregistrar.partnercenter.PartnerCenterSnapshot;
import com.tenantregistrar.telemetry.MetricNames;

/**
 * The alerts of {@code deploy/azuredeploy.json}, on what the template computes: each rule queries the metrics the
 * app emits (by {@link MetricNames}, so that renaming a metric breaks this test, not the alert in production), on the
 * app's Application Insights, with the thresholds of its parameters, and notifies the action group of
 * {@code alertEmail}. TemplateSchemaTest validates them against their schemas like every other resource.
 */
class AlertRulesTest {

    private static final String QUERY_RULES = "Microsoft.Insights/scheduledQueryRules";
    private static final Set<String> RULES = Set.of("missing-customers", "no-drift-run", "journal-not-stored",
            "partner-center", "arm-forbidden");

    private final JsonNode template = DeployTemplate.read();

    private static ArmExpressions expressions(JsonNode template, Map<String, Object> more) {
        Map<String, Object> parameters = new java.util.HashMap<>(Map.of("appName", "registrar",
                "alertEmail", "oncall@example.com"));
        parameters.putAll(more);
        return new ArmExpressions(template, parameters);
    }

    private JsonNode rule(String suffix) {
        ArmExpressions expressions = expressions(template, Map.of());
        return DeployTemplate.resources(template).stream()
                .filter(r -> r.path("type").asText().equals(QUERY_RULES))
                .filter(r -> ("registrar-" + suffix).equals(expressions.evaluate(r.path("name").asText())))
                .findFirst().orElseThrow(() -> new AssertionError("no alert rule " + suffix));
    }

    private JsonNode criterion(String suffix) {
        JsonNode allOf = rule(suffix).path("properties").path("criteria").path("allOf");
        assertEquals(1, allOf.size(), suffix + ": one condition");
        return allOf.get(0);
    }

    private String query(String suffix, Map<String, Object> parameters) {
        return (String) expressions(template, parameters).evaluate(criterion(suffix).path("query").asText());
    }

    private static String metric(String name) {
        return "name == \"" + name + "\"";
    }

    private static String dimension(String name, String value) {
        return "tostring(customDimensions." + name + ") == \"" + value + "\"";
    }

    @Test
    void everyRuleWatchesTheAppsApplicationInsightsAndNotifiesTheActionGroupOfAlertEmail() {
        ArmExpressions expressions = expressions(template, Map.of());
        List<JsonNode> groups = DeployTemplate.resources(template).stream()
                .filter(r -> r.path("type").asText().equals("Microsoft.Insights/actionGroups")).toList();
        assertEquals(1, groups.size(), "one action group");
        JsonNode group = groups.get(0);
        assertEquals(List.of("oncall@example.com"), group.path("properties").path("emailReceivers")
                .findValues("emailAddress").stream().map(e -> expressions.evaluate(e.asText())).toList());
        String groupId = (String) expressions.evaluate(
                "[resourceId('Microsoft.Insights/actionGroups', '" + expressions.evaluate(group.path("name").asText())
                        + "')]");
        String insightsId = (String) expressions.evaluate(
                "[resourceId('Microsoft.Insights/components', variables('insightsName'))]");

        Set<String> rules = new TreeSet<>();
        for (JsonNode rule : DeployTemplate.resources(template)) {
            if (!rule.path("type").asText().equals(QUERY_RULES)) {
                continue;
            }
            String name = (String) expressions.evaluate(rule.path("name").asText());
            rules.add(name.substring("registrar-".length()));
            JsonNode properties = rule.path("properties");
            assertEquals("LogAlert", rule.path("kind").asText(), name);
            assertTrue(properties.path("enabled").asBoolean(), name + " is enabled");
            assertEquals(List.of(insightsId), expressions.value(properties.path("scopes")), name + " scope");
            assertEquals(List.of(groupId), expressions.value(properties.path("actions").path("actionGroups")),
                    name + " notifies the action group");
        }
        assertEquals(new TreeSet<>(RULES), rules);
    }

    @Test
    void missingCustomersAlertPerRegistrationAfterMissingAlertAfterHours() {
        String query = query("missing-customers", Map.of());
        assertTrue(query.contains(metric(MetricNames.DRIFT_MISSING_AGE)), query);
        assertTrue(query.contains("customDimensions." + MetricNames.REGISTRATION), query);
        assertTrue(query.endsWith(">= 86400"), "24 h by default: " + query);
        assertTrue(query("missing-customers", Map.of("missingAlertAfterHours", 48L)).endsWith(">= 172800"));
        JsonNode criterion = criterion("missing-customers");
        assertEquals(MetricNames.REGISTRATION, criterion.path("dimensions").path(0).path("name").asText(),
                "one alert per registration");
        assertEquals("GreaterThan", criterion.path("operator").asText());
    }

    @Test
    void noSuccessfulScheduledRunForTwoIntervalsAlerts() {
        String query = query("no-drift-run", Map.of());
        assertTrue(query.contains(metric(MetricNames.DRIFT_RUNS)), query);
        assertTrue(query.contains(dimension(MetricNames.TRIGGER, "timer")), query);
        assertTrue(query.contains(dimension(MetricNames.OUTCOME, MetricNames.COMPLETE)), query);
        JsonNode rule = rule("no-drift-run");
        assertEquals("PT12H", expressions(template, Map.of()).evaluate(
                rule.path("properties").path("windowSize").asText()), "two intervals of the default 6 h");
        assertEquals("PT6H", expressions(template, Map.of("driftIntervalHours", 3L)).evaluate(
                rule.path("properties").path("windowSize").asText()));
        JsonNode criterion = criterion("no-drift-run");
        assertEquals("LessThan", criterion.path("operator").asText());
        assertEquals(1, criterion.path("threshold").asInt(), "fires when no complete run is found");
    }

    @Test
    void journalRecordsNotStoredAlert() {
        String query = query("journal-not-stored", Map.of());
        assertTrue(query.contains(metric(MetricNames.JOURNAL_NOT_STORED)), query);
        assertEquals("GreaterThan", criterion("journal-not-stored").path("operator").asText());
        assertEquals(0, criterion("journal-not-stored").path("threshold").asInt());
    }

    @Test
    void anImplausibleOrTooOldPartnerCenterGenerationAlerts() {
        String query = query("partner-center", Map.of());
        assertTrue(query.contains(metric(MetricNames.PARTNER_CENTER_GENERATION_AGE) + " and value >= 172800"),
                "48 h by default: " + query);
        assertTrue(query("partner-center", Map.of("partnerCenterAlertAgeHours", 24L)).contains("value >= 86400"));
        assertTrue(query.contains(metric(MetricNames.DRIFT_RUNS)) && query.contains(
                dimension(MetricNames.REASON, PartnerCenterSnapshot.IMPLAUSIBLE)), query);
    }

    @Test
    void armAnswering403Alerts() {
        String query = query("arm-forbidden", Map.of());
        assertTrue(query.contains(metric(MetricNames.CALL_DURATION)), query);
        assertTrue(query.contains(dimension(MetricNames.SERVICE, MetricNames.ARM)), query);
        assertTrue(query.contains(dimension(MetricNames.STATUS, "403")), query);
    }
}
