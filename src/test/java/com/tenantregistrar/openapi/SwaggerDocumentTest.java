package com.tenantregistrar.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.drift.DesiredStateFile;
import com.tenantregistrar.drift.PartnerCenterSummary;
import com.tenantregistrar.emulator.Fault;
import com.tenantregistrar.functions.CoverageRequest;
import com.tenantregistrar.functions.DriftFunctions;
import com.tenantregistrar.functions.ListChangesRequest;
import com.tenantregistrar.functions.ListDriftRunsRequest;
import com.tenantregistrar.functions.ListRegisteredCustomersRequest;
import com.tenantregistrar.functions.RegisterCustomerRequest;
import com.tenantregistrar.functions.RemoveCustomerRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.swagger.models.Swagger;
import io.swagger.models.auth.ApiKeyAuthDefinition;
import io.swagger.models.auth.In;
import io.swagger.parser.SwaggerParser;
import io.swagger.parser.util.SwaggerDeserializationResult;

/** GET /swagger.json is valid Swagger 2.0, and every operation in it exists and answers as it says. */
@QuarkusTest
class SwaggerDocumentTest extends EmulatedArmTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private JsonNode document;

    @BeforeEach
    void fetch() throws Exception {
        DesiredStateFile.write("{\"customers\": []}");
        document = MAPPER.readTree(given().get("/swagger.json").then().statusCode(200)
                .contentType(ContentType.JSON).extract().asString());
    }

    @Test
    void isValidSwagger2WithTheFunctionKeyAndOperationIds() {
        SwaggerDeserializationResult result = new SwaggerParser().readWithInfo(document.toString());
        assertEquals(List.of(), result.getMessages());
        Swagger swagger = result.getSwagger();
        assertNotNull(swagger);
        assertEquals("2.0", swagger.getSwagger());
        ApiKeyAuthDefinition key = (ApiKeyAuthDefinition) swagger.getSecurityDefinitions().get("functionKey");
        assertEquals("x-functions-key", key.getName());
        assertEquals(In.HEADER, key.getIn());
        swagger.getPaths().forEach((path, item) -> item.getOperations()
                .forEach(op -> assertNotNull(op.getOperationId(), path)));
    }

    @Test
    void isValidAgainstTheOfficialSwagger2Schema() {
        // The official JSON Schema of Swagger 2.0 (draft-04), copied into src/test/resources/swagger-2.0; the
        // draft-04 meta-schema it refers to is the validator's own copy.
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(VersionFlag.V4);
        JsonSchema schema = factory.getSchema(SchemaLocation.of("classpath:swagger-2.0/schema.json"));
        assertEquals(Set.of(), schema.validate(document), document.path("host").toString());
    }

    @Test
    void namesTheHostTheCallerReachedAndBothWaysOfSendingTheKey() throws Exception {
        assertEquals("localhost:" + RestAssured.port, document.path("host").asText());
        JsonNode forwarded = MAPPER.readTree(given().header("X-Forwarded-Host", "registrar.example.com, inner:7071")
                .get("/swagger.json").then().statusCode(200).extract().asString());
        assertEquals("registrar.example.com", forwarded.path("host").asText());

        Swagger swagger = new SwaggerParser().readWithInfo(document.toString()).getSwagger();
        ApiKeyAuthDefinition query = (ApiKeyAuthDefinition) swagger.getSecurityDefinitions().get("functionKeyQuery");
        assertEquals("code", query.getName());
        assertEquals(In.QUERY, query.getIn());
        assertEquals(Set.of("functionKey", "functionKeyQuery"), swagger.getSecurity().stream()
                .flatMap(requirement -> requirement.getRequirements().keySet().stream()).collect(Collectors.toSet()));
        swagger.getPaths().forEach((path, item) -> item.getOperations().forEach(op -> assertTrue(
                op.getResponses().containsKey("401"), path + " " + op.getOperationId() + " documents 401")));
    }

    @Test
    void everyOperationAnswersWithItsDocumentedShape() throws Exception {
        arm.seed(east(), SUBSCRIPTION, TENANT);
        // A run whose report driftRun can answer.
        Map<String, String> queryValues = Map.of("id", given().post("/checkDrift").then().statusCode(200)
                .extract().header(DriftFunctions.RUN_ID_HEADER));
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                RequestSpecification call = request(op.getValue());
                for (JsonNode parameter : op.getValue().path("parameters")) {
                    if (parameter.path("in").asText().equals("query") && parameter.path("required").asBoolean()) {
                        String name = parameter.path("name").asText();
                        call.queryParam(name, queryValues.get(name));
                    }
                }
                Response ok = call.request(op.getKey(), path.getKey());
                assertEquals(200, ok.statusCode(), where + ": " + ok.asString());
                conforms(op.getValue().path("responses").path("200").path("schema"),
                        MAPPER.readTree(ok.asString()), where + " 200");

                JsonNode body = bodyParameter(op.getValue());
                if (body != null && body.path("required").asBoolean()) {
                    Response bad = given().contentType(ContentType.JSON).body("{}").request(op.getKey(), path.getKey());
                    assertEquals(400, bad.statusCode(), where);
                    conforms(op.getValue().path("responses").path("400").path("schema"),
                            MAPPER.readTree(bad.asString()), where + " 400");
                }
            }
        }
    }

    @Test
    void theRequestsDocumentExactlyTheFieldsTheFunctionsRead() {
        // A caller's unknown field is refused, so a field documented but not read would fail every call.
        Map<String, Class<?>> types = Map.of("RegisterCustomerRequest", RegisterCustomerRequest.class,
                "RemoveCustomerRequest", RemoveCustomerRequest.class,
                "ListRegisteredCustomersRequest", ListRegisteredCustomersRequest.class);
        types.forEach((definition, type) -> {
            Set<String> documented = new TreeSet<>();
            document.path("definitions").path(definition).path("properties").fieldNames()
                    .forEachRemaining(documented::add);
            assertEquals(fieldsOf(type), documented, definition);
        });
        Set<String> query = new TreeSet<>();
        document.path("paths").path("/listRegisteredCustomers").path("get").path("parameters")
                .forEach(parameter -> query.add(parameter.path("name").asText()));
        assertEquals(fieldsOf(ListRegisteredCustomersRequest.class), query);
        Set<String> changesQuery = new TreeSet<>();
        document.path("paths").path("/listChanges").path("get").path("parameters")
                .forEach(parameter -> changesQuery.add(parameter.path("name").asText()));
        assertEquals(fieldsOf(ListChangesRequest.class), changesQuery);
        Set<String> coverageQuery = new TreeSet<>();
        document.path("paths").path("/coverage").path("get").path("parameters")
                .forEach(parameter -> coverageQuery.add(parameter.path("name").asText()));
        assertEquals(fieldsOf(CoverageRequest.class), coverageQuery);
        Set<String> runsQuery = new TreeSet<>();
        document.path("paths").path("/listDriftRuns").path("get").path("parameters")
                .forEach(parameter -> runsQuery.add(parameter.path("name").asText()));
        assertEquals(fieldsOf(ListDriftRunsRequest.class), runsQuery);
    }

    @Test
    void aListingThatFailsOnSomeRegistrationsAnswersTheDocumentedEnvelope() throws Exception {
        arm.seed(east(), SUBSCRIPTION, TENANT);
        arm.inject(Fault.error("GET", "azurestack-west", 403, "AuthorizationFailed", -1));
        Response failed = given().get("/listRegisteredCustomers");
        assertEquals(403, failed.statusCode(), failed.asString());
        conforms(document.path("paths").path("/listRegisteredCustomers").path("get").path("responses").path("403")
                .path("schema"), MAPPER.readTree(failed.asString()), "GET /listRegisteredCustomers 403");
    }

    @Test
    void theReportsPartnerCenterDocumentsExactlyTheFieldsTheAppWrites() {
        // The calls above run without Partner Center, so its part of the report is held to the type that writes it.
        Set<String> documented = new TreeSet<>();
        document.path("definitions").path("PartnerCenterRead").path("properties").fieldNames()
                .forEachRemaining(documented::add);
        Set<String> written = new TreeSet<>();
        MAPPER.getSerializationConfig().introspect(MAPPER.constructType(PartnerCenterSummary.class)).findProperties()
                .forEach(property -> written.add(property.getName()));
        assertEquals(written, documented);
    }

    private static Set<String> fieldsOf(Class<?> type) {
        Set<String> fields = new TreeSet<>();
        MAPPER.getDeserializationConfig().introspect(MAPPER.constructType(type)).findProperties()
                .forEach(property -> fields.add(property.getName()));
        return fields;
    }

    private static JsonNode bodyParameter(JsonNode operation) {
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("in").asText().equals("body")) {
                return parameter;
            }
        }
        return null;
    }

    private RequestSpecification request(JsonNode operation) {
        RequestSpecification request = given().contentType(ContentType.JSON);
        JsonNode body = bodyParameter(operation);
        return body == null ? request : request.body(resolve(body.path("schema")).path("example").toString());
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText(null);
        return ref == null ? schema : document.path("definitions").path(ref.substring("#/definitions/".length()));
    }

    /** The value has every required property, and each property has its documented type. */
    private void conforms(JsonNode schema, JsonNode value, String where) {
        assertTrue(!schema.isMissingNode(), where + " has a schema");
        JsonNode resolved = resolve(schema);
        if (value.isNull() && resolved.path("x-nullable").asBoolean()) {
            return;
        }
        switch (resolved.path("type").asText("object")) {
            case "object" -> {
                assertTrue(value.isObject(), where + " is an object: " + value);
                resolved.path("required").forEach(name -> assertTrue(value.has(name.asText()),
                        where + " has " + name.asText() + ": " + value));
                value.fields().forEachRemaining(field -> {
                    JsonNode property = resolved.path("properties").path(field.getKey());
                    if (property.isMissingNode()) {
                        fail(where + " has the undocumented property " + field.getKey());
                    }
                    conforms(property, field.getValue(), where + "." + field.getKey());
                });
            }
            case "array" -> {
                assertTrue(value.isArray(), where + " is an array");
                value.forEach(item -> conforms(resolved.path("items"), item, where + "[]"));
            }
            case "string" -> assertTrue(value.isTextual(), where + " is a string");
            case "integer" -> assertTrue(value.isIntegralNumber(), where + " is an integer");
            case "number" -> assertTrue(value.isNumber(), where + " is a number");
            case "boolean" -> assertTrue(value.isBoolean(), where + " is a boolean");
            default -> fail(where + ": unexpected type " + resolved.path("type"));
        }
    }
}
