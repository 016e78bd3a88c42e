package com.tenantregistrar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.docs.Documentation;
import com.tenantregistrar.emulator.EmulatorState;
import com.tenantregistrar.registration.Registration;

/**
 * The other way docs/deployment.md documents: the Functions Java stack, where the platform's own {@code java} runs
 * the jar with the arguments of its {@code customHandler} block, from the function-app folder. Started here exactly
 * so (the JDK running the tests plays the platform's), it answers the functions against the emulated Azure; it does
 * not use the package's runtime nor its archive, which is the start-up cost docs/deployment.md states.
 */
class JavaStackIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void thePlatformsJavaRunsTheJarAndAnswersWithoutThePackagesRuntimeOrArchive() throws Exception {
        assumeTrue(PackagedApp.jvm(), "a native package has no jar for the Java stack");
        JsonNode description = documentedCustomHandler().path("description");
        assertEquals("java", description.path("defaultExecutablePath").asText(), description.toString());
        assertEquals("", description.path("workingDirectory").asText(), "the function-app folder");
        List<String> arguments = StreamSupport.stream(description.path("arguments").spliterator(), false)
                .map(JsonNode::asText).toList();
        try (AzureBeside azure = AzureBeside.start();
                PackagedApp app = PackagedApp.startOnTheJavaStack("java-stack", arguments, azure.environment())) {
            assertNotEquals(PackagedApp.RUNTIME_JAVA.toRealPath(), app.program());
            assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toRealPath(), app.program());
            String folder = PackagedApp.FOLDER.toRealPath().toString();
            assertFalse(app.mappedFiles().stream().anyMatch(file -> file.startsWith(folder)
                    && (file.endsWith(".aot") || file.endsWith(".jsa"))), "no class-data archive of the build");

            EmulatorState arm = azure.state();
            Registration north = azure.registrations().get(0);
            String subscription = "3f0c6a44-8a1e-4a51-a0c4-0b7a8c5f2d19";
            String tenant = "a5b0e6d2-3c1f-4f7e-9d8a-6e2b1c0d4f37";
            HttpResponse<String> registered = app.post("/registerCustomer", "{\"customerSubscriptionId\": \""
                    + subscription + "\", \"tenantId\": \"" + tenant + "\"}");
            assertEquals(200, registered.statusCode(), registered.body());
            assertEquals(Map.of(subscription, tenant), arm.customersOf(north));
            HttpResponse<String> listed = app.get("/listRegisteredCustomers?registration=north");
            assertEquals(200, listed.statusCode(), listed.body());
            assertEquals(1, MAPPER.readTree(listed.body()).path("count").asInt(), listed.body());
            HttpResponse<String> drift = app.post("/checkDrift", "{}");
            assertEquals(200, drift.statusCode(), drift.body());
        }
    }

    /** The {@code customHandler} block of "The other way: the Java stack", in Deploying to Azure Functions. */
    private static JsonNode documentedCustomHandler() throws Exception {
        String readme = Documentation.section("Deploying to Azure Functions");
        int section = readme.indexOf("**The other way: the Java stack.**");
        assertTrue(section >= 0, "the documentation documents the Java stack");
        int start = readme.indexOf("```json\n", section) + "```json\n".length();
        String block = readme.substring(start, readme.indexOf("```", start));
        return MAPPER.readTree("{" + block + "}").path("customHandler");
    }
}
