package com.tenantregistrar.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The example workflow in docs/ calls an operation the API description has, with the key and a retry policy. */
class LogicAppExampleTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void callsADocumentedOperationWithTheFunctionKeyAndRetries() throws IOException {
        JsonNode workflow = MAPPER.readTree(Path.of("docs", "logic-app-register-customer.json").toFile());
        JsonNode swagger;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("swagger.json")) {
            swagger = MAPPER.readTree(in);
        }
        JsonNode call = workflow.path("definition").path("actions")
                .path("Register_customer_on_every_Azure_Stack_registration").path("inputs");
        String uri = call.path("uri").asText();
        String path = uri.substring(uri.lastIndexOf('/'));
        assertTrue(swagger.path("paths").path(path).has(call.path("method").asText().toLowerCase()), uri);
        assertTrue(call.path("headers").has("x-functions-key"));
        assertEquals("exponential", call.path("retryPolicy").path("type").asText());
        JsonNode required = swagger.path("definitions").path("RegisterCustomerRequest").path("required");
        required.forEach(field -> assertTrue(call.path("body").has(field.asText()), field.asText()));
    }
}
