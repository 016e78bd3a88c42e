package com.tenantregistrar.functions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.drift.DesiredStateFile;

import io.quarkus.funqy.Funq;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The Azure Functions files and the code cannot drift apart: every function folder has an endpoint at
 * {@code /<name>} that answers in its trigger's protocol, and every function in the code has a folder.
 */
@QuarkusTest
class FunctionFilesTest extends EmulatedArmTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path FUNCTIONS = Path.of("src", "main", "azure-functions");

    /** A request each HTTP function accepts. */
    private static final Map<String, String> EXAMPLE_BODIES = Map.of(
            "registerCustomer", registerBody(SUBSCRIPTION, TENANT),
            "removeCustomer", removeBody(SUBSCRIPTION, "*"),
            "listRegisteredCustomers", "{\"registration\": \"east\"}",
            "checkDrift", "{}");

    /** What an unsigned request answers, where that is not 200: the webhook refuses it. */
    private static final Map<String, Integer> UNSIGNED_STATUS = Map.of("partnerCenterWebhook", 401);

    @BeforeEach
    void emptyManifest() {
        DesiredStateFile.write("{\"customers\": []}");
    }

    private static Map<String, JsonNode> functionFiles() throws IOException {
        Map<String, JsonNode> files = new java.util.TreeMap<>();
        try (Stream<Path> folders = Files.list(FUNCTIONS)) {
            for (Path folder : folders.toList()) {
                files.put(folder.getFileName().toString(), MAPPER.readTree(folder.resolve("function.json").toFile()));
            }
        }
        return files;
    }

    @Test
    void hostJsonRoutesEveryFunctionToTheHandlersRootAndNamesTheExecutable() throws IOException {
        JsonNode host = MAPPER.readTree(Path.of("host.json").toFile());
        assertEquals("2.0", host.path("version").asText());
        assertEquals("[4.*, 5.0.0)", host.path("extensionBundle").path("version").asText());
        assertEquals("", host.path("extensions").path("http").path("routePrefix").asText("missing"));
        assertTrue(host.path("customHandler").path("enableForwardingHttpRequest").asBoolean());
        String executable = host.path("customHandler").path("description").path("defaultExecutablePath").asText();
        assertTrue(Files.isExecutable(Path.of("src", "main", "function-app", executable)),
                "the JVM launcher the package puts at " + executable);
    }

    @Test
    void everyHttpFunctionAnswersPlainHttpOnEachOfItsMethods() throws IOException {
        for (Map.Entry<String, JsonNode> function : functionFiles().entrySet()) {
            JsonNode trigger = function.getValue().path("bindings").get(0);
            if (!trigger.path("type").asText().equals("httpTrigger")) {
                continue;
            }
            assertEquals("function", trigger.path("authLevel").asText(), function.getKey());
            assertFalse(trigger.has("route"), "Logic Apps' Functions action refuses a route: " + function.getKey());
            for (JsonNode method : trigger.path("methods")) {
                String name = function.getKey();
                var request = given().contentType(ContentType.JSON);
                var response = method.asText().equals("get") ? request.get("/" + name)
                        : request.body(EXAMPLE_BODIES.getOrDefault(name, "{}")).post("/" + name);
                response.then().statusCode(UNSIGNED_STATUS.getOrDefault(name, 200)).contentType(ContentType.JSON);
            }
        }
    }

    @Test
    void everyTimerFunctionAnswersTheInvocationEnvelope() throws IOException {
        for (Map.Entry<String, JsonNode> function : functionFiles().entrySet()) {
            JsonNode trigger = function.getValue().path("bindings").get(0);
            if (!trigger.path("type").asText().equals("timerTrigger")) {
                continue;
            }
            assertEquals("%REGISTRAR_DRIFT_SCHEDULE%", trigger.path("schedule").asText());
            assertFalse(trigger.path("runOnStartup").asBoolean(false));
            try (InputStream in = getClass().getResourceAsStream("/functions-custom-handler/timer-request.json")) {
                given().contentType(ContentType.JSON).body(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .post("/" + function.getKey())
                        .then().statusCode(200).contentType(ContentType.JSON)
                        .body("$", hasKey("Outputs")).body("$", hasKey("Logs")).body("$", hasKey("ReturnValue"));
            }
        }
    }

    @Test
    void everyFunctionInTheCodeHasAFolder() throws IOException {
        Set<String> inCode = new TreeSet<>(Set.of("partnerCenterWebhook"));
        for (Class<?> type : new Class<?>[] { CustomerFunctions.class, DriftFunctions.class }) {
            for (Method method : type.getMethods()) {
                if (method.isAnnotationPresent(Funq.class)) {
                    inCode.add(method.getAnnotation(Funq.class).value());
                }
            }
        }
        assertTrue(functionFiles().keySet().containsAll(inCode), inCode + " vs " + functionFiles().keySet());
    }
}
