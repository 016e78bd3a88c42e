package com.tenantregistrar.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code deploy/azuredeploy.json}, as the tests read it. */
final class DeployTemplate {

    private DeployTemplate() {
    }

    static JsonNode read() {
        try {
            return new ObjectMapper().readTree(Path.of("deploy", "azuredeploy.json").toFile());
        } catch (IOException e) {
            throw new AssertionError("deploy/azuredeploy.json is not JSON", e);
        }
    }

    /** Every resource, those of nested deployments' inline templates included. */
    static List<JsonNode> resources(JsonNode template) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode resource : template.path("resources")) {
            all.add(resource);
            all.addAll(resources(resource.path("properties").path("template")));
        }
        return all;
    }

    /** The inline templates of the nested deployments. */
    static List<JsonNode> nestedTemplates(JsonNode template) {
        List<JsonNode> nested = new ArrayList<>();
        for (JsonNode resource : template.path("resources")) {
            JsonNode inner = resource.path("properties").path("template");
            if (inner.isObject()) {
                nested.add(inner);
                nested.addAll(nestedTemplates(inner));
            }
        }
        return nested;
    }
}
