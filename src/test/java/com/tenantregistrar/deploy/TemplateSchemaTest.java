package com.tenantregistrar.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code deploy/azuredeploy.json} against Azure's own ARM schemas, offline: each resource, nested ones included, for
 * its type and API version, and the template itself. A resource's {@code name} is checked as ARM would see it, its
 * expression evaluated with sample parameters: the schemas check a name's length and pattern on the text they are
 * given, which for {@code "[format(…)]"} is the expression, not the name.
 */
class TemplateSchemaTest {

    private final JsonNode template = DeployTemplate.read();
    private final ArmSchemas schemas = new ArmSchemas();

    @Test
    void everyResourceIsValidForItsTypeAndApiVersion() {
        Map<String, List<String>> findings = new LinkedHashMap<>();
        validateResources(template, new ArmExpressions(template, Map.of()), findings);
        for (JsonNode nested : DeployTemplate.nestedTemplates(template)) {
            Map<String, String> samples = new LinkedHashMap<>();
            nested.path("parameters").fieldNames().forEachRemaining(p -> samples.put(p, "sample-" + p));
            validateResources(nested, new ArmExpressions(nested, samples), findings);
        }
        assertEquals(Map.of(), findings);
    }

    @Test
    void theTemplatesAreValidDeploymentTemplates() {
        assertEquals(List.of(), schemas.validateTemplate(template));
        for (JsonNode nested : DeployTemplate.nestedTemplates(template)) {
            assertEquals(List.of(), schemas.validateTemplate(nested));
        }
    }

    /** The check can fail: a kind the schema does not know, or a type at an API version without a schema here. */
    @Test
    void aResourceTheSchemaRefusesIsReported() {
        ObjectNode storage = DeployTemplate.resources(template).stream()
                .filter(r -> r.path("type").asText().equals("Microsoft.Storage/storageAccounts"))
                .findFirst().orElseThrow().deepCopy();
        storage.put("name", "stsample");
        assertEquals(List.of(), schemas.validate(storage));
        assertFalse(schemas.validate(storage.deepCopy().put("kind", "StorageV3")).isEmpty());
        assertFalse(schemas.validate(storage.deepCopy().put("name", "Not_A-Storage_Name")).isEmpty());
        assertThrows(AssertionError.class, () -> schemas.validate(storage.deepCopy().put("apiVersion", "2023-05-01")));
    }

    private void validateResources(JsonNode scope, ArmExpressions expressions, Map<String, List<String>> findings) {
        for (JsonNode resource : scope.path("resources")) {
            ObjectNode named = resource.deepCopy();
            named.put("name", String.valueOf(expressions.atCopyIndex(0).evaluate(resource.path("name").asText())));
            List<String> found = schemas.validate(named);
            if (!found.isEmpty()) {
                findings.put(resource.path("type").asText() + " " + named.path("name").asText(), found);
            }
        }
    }
}
