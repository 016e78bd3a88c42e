package com.tenantregistrar.deploy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.InputStreamSource;

/**
 * Azure's official ARM template schemas, read from {@code src/test/resources/arm-schemas} (never fetched): a
 * resource is checked against its provider's definition for its type and API version together with the template
 * schema's {@code resourceBase} (condition, copy, dependsOn, scope), which is how {@code deploymentTemplate.json}
 * combines them; the template itself, its resources aside, against {@code deploymentTemplate.json}.
 */
final class ArmSchemas {

    static final String BASE = "https://schema.management.azure.com/schemas/";
    private static final String TEMPLATE = BASE + "2019-04-01/deploymentTemplate.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(VersionFlag.V4, builder -> builder
            .schemaMappers(mappers -> mappers.mapPrefix(BASE, "classpath:arm-schemas/"))
            .schemaLoaders(loaders -> loaders.add(ArmSchemas::load)));
    // Not preloaded: deploymentTemplate.json names every provider's schema, of which only the template's are here.
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().preloadJsonSchema(false).build();

    /** What the schema of the resource's type and API version finds wrong with it; empty when it is valid. */
    List<String> validate(JsonNode resource) {
        String type = resource.path("type").asText();
        String apiVersion = resource.path("apiVersion").asText();
        String definition = definition(type, apiVersion);
        ObjectNode schema = JSON.createObjectNode();
        schema.putArray("allOf").add(JSON.createObjectNode().put("$ref", TEMPLATE + "#/definitions/resourceBase"))
                .add(JSON.createObjectNode().put("$ref", definition));
        return messages(factory.getSchema(schema, config).validate(resource));
    }

    /** What {@code deploymentTemplate.json} finds wrong with the template's parameters, variables and outputs. */
    List<String> validateTemplate(JsonNode template) {
        ObjectNode withoutResources = template.deepCopy();
        withoutResources.putArray("resources");
        return messages(factory.getSchema(SchemaLocation.of(TEMPLATE), config).validate(withoutResources));
    }

    /**
     * A copied schema file, with one defect of the generated schemas mended: {@code "oneOf": [{}, expression]} (a
     * nested deployment's parameter {@code value}) refuses every expression, which both alternatives accept; read
     * as {@code anyOf}, it accepts any value, as meant. Any other IRI is refused, so that nothing is fetched.
     */
    private static InputStreamSource load(AbsoluteIri iri) {
        String prefix = "classpath:arm-schemas/";
        if (!iri.toString().startsWith(prefix)) {
            throw new AssertionError(iri + " is not in src/test/resources/arm-schemas");
        }
        JsonNode schema = read(iri.toString().substring(prefix.length()));
        anyOfWhereOneAlternativeIsEmpty(schema);
        byte[] mended = schema.toString().getBytes(StandardCharsets.UTF_8);
        return () -> new ByteArrayInputStream(mended);
    }

    private static void anyOfWhereOneAlternativeIsEmpty(JsonNode node) {
        if (node instanceof ObjectNode object && object.path("oneOf").isArray()) {
            for (JsonNode alternative : object.path("oneOf")) {
                if (alternative.isObject() && alternative.isEmpty()) {
                    object.set("anyOf", object.remove("oneOf"));
                    break;
                }
            }
        }
        node.forEach(ArmSchemas::anyOfWhereOneAlternativeIsEmpty);
    }

    /** The reference of the definition of this type at this API version, in its provider's schema file. */
    static String definition(String type, String apiVersion) {
        for (String file : providerFiles(apiVersion)) {
            JsonNode definitions = read(apiVersion + "/" + file).path("resourceDefinitions");
            for (var entry : (Iterable<Map.Entry<String, JsonNode>>) definitions::fields) {
                for (JsonNode t : entry.getValue().path("properties").path("type").path("enum")) {
                    if (t.asText().equalsIgnoreCase(type)) {
                        return BASE + apiVersion + "/" + file + "#/resourceDefinitions/" + entry.getKey();
                    }
                }
            }
        }
        throw new AssertionError("no schema of " + type + " at " + apiVersion + " in src/test/resources/arm-schemas");
    }

    /** Every stable API version of each resource type of the template ({@code api-versions.json}). */
    static Map<String, List<String>> apiVersions() {
        Map<String, List<String>> versions = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        read("api-versions.json").fields().forEachRemaining(e -> versions.put(e.getKey(),
                JSON.convertValue(e.getValue(), JSON.getTypeFactory().constructCollectionType(List.class, String.class))));
        return versions;
    }

    /** The provider files copied for an API version. */
    private static List<String> providerFiles(String apiVersion) {
        URL folder = ArmSchemas.class.getResource("/arm-schemas/" + apiVersion);
        if (folder == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(folder.toString(), e);
        }
    }

    private static JsonNode read(String path) {
        try (InputStream in = ArmSchemas.class.getResourceAsStream("/arm-schemas/" + path)) {
            if (in == null) {
                throw new AssertionError("src/test/resources/arm-schemas/" + path + " is missing");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> messages(Set<ValidationMessage> found) {
        return found.stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
