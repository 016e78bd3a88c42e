package com.tenantregistrar.functions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.docs.Documentation;
import com.tenantregistrar.drift.DesiredStateFile;

import io.quarkus.funqy.Funq;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The Azure Functions files, the documentation (README.md and docs/) and the code cannot drift apart. On Azure the host passes on only the
 * requests that match a function folder's route (with host.json's {@code routePrefix} "", the route is the path;
 * without a route, the folder's name), so every URL the documentation gives must match a folder, as the host would
 * match it, and the app must serve it; every endpoint in the code must have a folder; and only read-only
 * documents may be reachable without a function key.
 */
@QuarkusTest
class FunctionFilesTest extends EmulatedArmTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path FUNCTIONS = Path.of("src", "main", "azure-functions");

    /** A request each POST function accepts. */
    private static final Map<String, String> EXAMPLE_BODIES = Map.of(
            "registerCustomer", registerBody(SUBSCRIPTION, TENANT),
            "removeCustomer", removeBody(SUBSCRIPTION, "*"),
            "listRegisteredCustomers", "{\"registration\": \"east\"}",
            "checkDrift", "{}",
            "driftCheck", resource("/functions-custom-handler/timer-request.json"));

    /**
     * What a bare request answers, where that is not 200: the webhook refuses it unsigned, and driftRun without the
     * run it is to answer.
     */
    private static final Map<String, Integer> UNSIGNED_STATUS = Map.of("partnerCenterWebhook", 401, "driftRun", 400);

    /** What a function answers, where that is not JSON: the coverage page. */
    private static final Map<String, String> CONTENT_TYPE = Map.of("ui", "text/html");

    /** The functions reachable without a key: documents that reveal nothing and change nothing. */
    private static final Set<String> ANONYMOUS = Set.of("swagger", "health");

    /**
     * How the documentation writes the app's URLs: in a local {@code curl} (POST when it sends a body), under the
     * deployed app's host, or in backticks as {@code VERB /path} or {@code /path}. Other services' URLs carry
     * their own host.
     */
    private static final Pattern CURL = Pattern.compile("curl [^\\n]*?'?localhost:8080(/[^\\s']*)'?([^\\n]*)");
    private static final Pattern DEPLOYED = Pattern.compile("https://<app>\\.azurewebsites\\.net(/[^\\s\"`]*)");
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]*)`");
    private static final Pattern BACKTICKED = Pattern.compile("(?:(GET|POST|PUT|PATCH|DELETE) )?(/\\S*)");

    /** A function folder, as the host reads it. */
    private record Function(String name, JsonNode trigger) {

        boolean http() {
            return trigger.path("type").asText().equals("httpTrigger");
        }

        String route() {
            return trigger.path("route").asText(name);
        }

        /** The methods the host passes on; an HTTP trigger without a list takes every method. */
        Set<String> methods() {
            Set<String> methods = new LinkedHashSet<>();
            trigger.path("methods").forEach(m -> methods.add(m.asText().toUpperCase(Locale.ROOT)));
            if (!http()) {
                methods.add("POST"); // The host posts every other trigger's invocation to /<name>.
            }
            return methods;
        }

        /** Whether the host routes {@code method path} here: ASP.NET Core's route templates, as far as ours go. */
        boolean matches(String method, String path) {
            if (!methods().isEmpty() && method != null && !methods().contains(method)) {
                return false;
            }
            if (!http()) {
                return path.equalsIgnoreCase("/" + name);
            }
            String[] template = route().split("/");
            String[] segments = path.substring(1).split("/", -1);
            for (int i = 0; i < template.length; i++) {
                String part = template[i];
                if (part.startsWith("{*")) {
                    return i == template.length - 1;
                }
                if (i >= segments.length) {
                    return part.matches("\\{\\w+\\?}") && i == template.length - 1;
                }
                if (part.matches("\\{\\w+\\??}")) {
                    if (segments[i].isEmpty()) {
                        return false;
                    }
                } else if (part.contains("{")) {
                    fail(name + ": this test does not model the route template " + route());
                } else if (!part.equalsIgnoreCase(segments[i])) {
                    return false;
                }
            }
            return segments.length == template.length;
        }

        /** A path this function's route matches. */
        String examplePath() {
            return "/" + route().replaceAll("/?\\{\\*{1,2}\\w+}$", "").replaceAll("\\{\\w+\\??}", "x");
        }
    }

    /** A URL the documentation gives, and the method it says, if any. */
    private record DocumentedUrl(String method, String pathAndQuery) {

        String path() {
            int query = pathAndQuery.indexOf('?');
            return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
        }

        /** The URL to call: a placeholder such as {@code ?code=<function key>} is left out. */
        String callable() {
            return pathAndQuery.contains("<") ? path() : pathAndQuery;
        }
    }

    @BeforeEach
    void emptyManifest() {
        DesiredStateFile.write("{\"customers\": []}");
    }

    private static List<Function> functions() throws IOException {
        List<Function> functions = new ArrayList<>();
        try (Stream<Path> folders = Files.list(FUNCTIONS)) {
            for (Path folder : folders.sorted().toList()) {
                JsonNode bindings = MAPPER.readTree(folder.resolve("function.json").toFile()).path("bindings");
                functions.add(new Function(folder.getFileName().toString(), bindings.get(0)));
            }
        }
        return functions;
    }

    /** The function the host would route {@code method path} to; fails when there is none. */
    private static Function routed(String method, String path) throws IOException {
        List<Function> matching = functions().stream().filter(f -> f.matches(method, path)).toList();
        assertEquals(1, matching.size(), (method == null ? "" : method + " ") + path
                + " must match exactly one function folder's route, not " + matching.stream().map(Function::name).toList());
        return matching.get(0);
    }

    private static List<DocumentedUrl> documentedUrls() {
        String readme = Documentation.text().replace("\\\n", " ");
        List<DocumentedUrl> urls = new ArrayList<>();
        for (Matcher m = CURL.matcher(readme); m.find();) {
            String options = m.group(2);
            boolean post = options.contains(" -d ") || options.contains("-X POST") || m.group(0).contains("-X POST");
            urls.add(new DocumentedUrl(post ? "POST" : "GET", m.group(1)));
        }
        for (Matcher m = DEPLOYED.matcher(readme); m.find();) {
            urls.add(new DocumentedUrl(null, m.group(1)));
        }
        for (Matcher span = CODE_SPAN.matcher(readme.replaceAll("(?s)```.*?```", "")); span.find();) {
            Matcher m = BACKTICKED.matcher(span.group(1));
            if (m.matches()) {
                urls.add(new DocumentedUrl(m.group(1), m.group(2)));
            }
        }
        return urls;
    }

    private static Response call(String method, Function function, String url) {
        var request = given().contentType(ContentType.JSON);
        if (method.equals("GET")) {
            return request.get(url);
        }
        return request.body(EXAMPLE_BODIES.getOrDefault(function.name(), "{}")).request(method, url);
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
    void everyUrlTheDocumentationGivesReachesTheAppThroughAFunctionFolder() throws IOException {
        List<DocumentedUrl> urls = documentedUrls();
        Set<String> documented = new TreeSet<>();
        for (DocumentedUrl url : urls) {
            Function function = routed(url.method(), url.path());
            documented.add(function.name());
            String method = url.method() != null ? url.method() : function.methods().iterator().next();
            Response answer = call(method, function, url.callable());
            assertNotEquals(404, answer.statusCode(), method + " " + url.callable() + ": " + answer.asString());
        }
        Set<String> folders = new TreeSet<>(functions().stream().map(Function::name).toList());
        assertEquals(folders, documented, "the documentation gives a URL of every function, and the test reads them");
    }

    @Test
    void everyEndpointInTheCodeHasAFunctionFolder() throws IOException {
        Map<String, String> endpoints = new TreeMap<>(Map.of(
                "/partnerCenterWebhook", "POST", "/swagger.json", "GET", "/q/health", "GET",
                "/q/health/live", "GET", "/q/health/ready", "GET", "/q/health/started", "GET", "/ui", "GET"));
        for (Class<?> type : new Class<?>[] { CustomerFunctions.class, DriftFunctions.class }) {
            for (Method method : type.getMethods()) {
                if (method.isAnnotationPresent(Funq.class)) {
                    endpoints.put("/" + method.getAnnotation(Funq.class).value(), "POST");
                }
            }
        }
        for (Class<?> type : new Class<?>[] { ChangeFunctions.class, DriftRunFunctions.class,
                CoverageFunctions.class }) {
            for (Method method : type.getMethods()) {
                if (method.isAnnotationPresent(Funq.class)) {
                    endpoints.put("/" + method.getAnnotation(Funq.class).value(), "GET");
                }
            }
        }
        for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
            assertNotNull(routed(endpoint.getValue(), endpoint.getKey()));
        }
    }

    @Test
    void everyHttpFunctionAnswersPlainHttpOnEachOfItsMethods() throws IOException {
        // The coverage is that of the newest kept drift run: one is kept first.
        given().post("/checkDrift").then().statusCode(200);
        for (Function function : functions()) {
            if (!function.http()) {
                continue;
            }
            assertFalse(function.methods().isEmpty(), function.name() + " names its methods");
            for (String method : function.methods()) {
                call(method, function, function.examplePath()).then()
                        .statusCode(UNSIGNED_STATUS.getOrDefault(function.name(), 200))
                        .contentType(CONTENT_TYPE.getOrDefault(function.name(), ContentType.JSON.toString()));
            }
        }
    }

    @Test
    void everyMethodAFunctionsFolderDoesNotListIsRefusedWithoutAnArmCall() throws IOException {
        for (Function function : functions()) {
            if (ANONYMOUS.contains(function.name())) {
                continue; // read-only documents
            }
            for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
                if (function.methods().contains(method)) {
                    continue;
                }
                // A query that registerCustomer or removeCustomer would act on, were a GET of them served.
                String url = "/" + function.name() + "?customerSubscriptionId=" + SUBSCRIPTION + "&tenantId=" + TENANT
                        + "&registrations=east";
                call(method, function, url).then().statusCode(405).contentType(ContentType.JSON)
                        .header("Allow", String.join(", ", new TreeSet<>(function.methods())))
                        .body("error.code", org.hamcrest.Matchers.equalTo("MethodNotAllowed"));
                assertEquals(List.of(), armCalls(), method + " /" + function.name());
            }
        }
    }

    @Test
    void onlyReadOnlyDocumentsAreReachableWithoutAFunctionKey() throws IOException {
        for (Function function : functions()) {
            if (!function.http()) {
                continue;
            }
            if (ANONYMOUS.contains(function.name())) {
                // A health probe and a connector import from the URL send no key.
                assertEquals("anonymous", function.trigger().path("authLevel").asText(), function.name());
                assertEquals(Set.of("GET"), function.methods(), function.name());
            } else {
                assertEquals("function", function.trigger().path("authLevel").asText(), function.name());
                assertFalse(function.trigger().has("route"),
                        "Logic Apps' Azure Functions action refuses a route: " + function.name());
            }
        }
    }

    @Test
    void everyTimerFunctionAnswersTheInvocationEnvelope() throws IOException {
        for (Function function : functions()) {
            if (function.http()) {
                continue;
            }
            assertEquals("timerTrigger", function.trigger().path("type").asText());
            assertEquals("%REGISTRAR_DRIFT_SCHEDULE%", function.trigger().path("schedule").asText());
            assertFalse(function.trigger().path("runOnStartup").asBoolean(false));
            call("POST", function, "/" + function.name()).then().statusCode(200).contentType(ContentType.JSON)
                    .body("$", hasKey("Outputs")).body("$", hasKey("Logs")).body("$", hasKey("ReturnValue"));
        }
    }

    private static String resource(String name) {
        try (InputStream in = FunctionFilesTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
