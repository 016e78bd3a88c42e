package com.tenantregistrar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.emulator.EmulatorState;
import com.tenantregistrar.registration.Registration;

/**
 * The packaged app (the launcher; under -Dnative, the native executable) on a host with no Java at all, as on the custom stack of a Flex Consumption plan: started
 * from the function-app folder with no JAVA_HOME and a PATH that holds no {@code java}, on the port in
 * FUNCTIONS_CUSTOMHANDLER_PORT ({@link PackagedApp}), it runs on the runtime the package carries, with the archive the
 * build trained for it, and answers every function against the emulated Azure beside it.
 */
class LauncherIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SUBSCRIPTION = "e09a4e93-29a7-4eba-a6d4-76202383f07f";
    private static final String TENANT = "dbab3982-796f-4d03-9908-044c08aef8a2";

    private static AzureBeside azure;
    private static PackagedApp app;

    @BeforeAll
    static void start() throws Exception {
        azure = AzureBeside.start();
        app = PackagedApp.start("launcher-no-java", azure.environment());
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (azure != null) {
            azure.close();
        }
    }

    @Test
    void theHostsEnvironmentHasNoJavaAndTheAppRunsOnThePackagedRuntime() throws Exception {
        assumeTrue(PackagedApp.jvm(), "a native executable needs no runtime");
        String path = PackagedApp.pathWithoutJava(System.getenv("PATH"));
        for (String folder : path.split(":")) {
            assertFalse(Files.exists(Path.of(folder, "java")), folder + " holds a java");
        }
        assertTrue(Files.isExecutable(PackagedApp.RUNTIME_JAVA), "the package carries its runtime");
        assertEquals(PackagedApp.RUNTIME_JAVA.toRealPath(), app.program(), "the JVM that runs the app");
    }

    @Test
    void theRuntimeHoldsOnlyTheModulesTheAppNeedsAndTheArchiveMadeForIt() throws Exception {
        assumeTrue(PackagedApp.jvm(), "a native executable needs no runtime");
        String release = Files.readString(PackagedApp.FOLDER.resolve("runtime/release"));
        for (String module : List.of("java.base", "java.naming", "jdk.crypto.ec", "jdk.zipfs", "jdk.naming.dns")) {
            assertTrue(release.contains(module), module + " in " + release);
        }
        // jdk.jfr is in: quarkus-opentelemetry's JVM metrics (opentelemetry-runtime-telemetry-java17) read JFR
        // events, and Quarkus loads those classes at start (without the artifact Quarkus does not start).
        for (String module : List.of("jdk.jshell", "jdk.jlink", "java.scripting")) {
            assertFalse(release.contains(" " + module + " ") || release.contains(" " + module + "\""), module);
        }
        int feature = Runtime.Version.parse(RuntimeImage.release(PackagedApp.FOLDER.resolve("runtime"))).feature();
        String archive = feature >= 25 ? TrainingRun.AOT_CACHE : TrainingRun.APPCDS_ARCHIVE;
        Path trained = PackagedApp.FOLDER.resolve("quarkus-app").resolve(archive);
        assertTrue(Files.isRegularFile(trained), "the training run's " + archive + " for the packaged Java " + feature);
        assertTrue(app.mappedFiles().contains(trained.toRealPath().toString()),
                "the JVM the launcher started mapped " + trained + " (a JVM that refuses it starts quietly without)");
        assertFalse(Files.exists(PackagedApp.FOLDER.resolve("quarkus-app/app-cds.jsa")), "Quarkus' archive is not made");
    }

    @Test
    void everyFunctionAnswersThroughTheLauncher() throws Exception {
        EmulatorState arm = azure.state();
        arm.reset();
        Registration north = azure.registrations().get(0);
        String customer = "{\"customerSubscriptionId\": \"" + SUBSCRIPTION + "\", \"tenantId\": \"" + TENANT + "\"}";

        HttpResponse<String> registered = app.post("/registerCustomer", customer);
        assertEquals(200, registered.statusCode(), registered.body());
        assertEquals(Map.of(SUBSCRIPTION, TENANT), arm.customersOf(north));

        HttpResponse<String> listed = app.get("/listRegisteredCustomers?registration=north");
        assertEquals(200, listed.statusCode(), listed.body());
        assertEquals(1, MAPPER.readTree(listed.body()).path("count").asInt(), listed.body());

        HttpResponse<String> drift = app.post("/checkDrift", "{}");
        assertEquals(200, drift.statusCode(), drift.body());
        assertTrue(MAPPER.readTree(drift.body()).has("inSync"), drift.body());
        try (InputStream in = getClass().getResourceAsStream("/functions-custom-handler/timer-request-null-status.json")) {
            HttpResponse<String> timer = app.post("/driftCheck", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(200, timer.statusCode(), timer.body());
            assertTrue(MAPPER.readTree(timer.body()).path("Logs").get(0).asText().startsWith("driftCheck (report)"),
                    timer.body());
        }

        HttpResponse<String> removed = app.post("/removeCustomer", "{\"customerSubscriptionId\": \"" + SUBSCRIPTION
                + "\", \"registrations\": [\"*\"]}");
        assertEquals(200, removed.statusCode(), removed.body());
        assertEquals(Map.of(), arm.customersOf(north));

        // The journal stores in the background, in the Azurite that AzureWebJobsStorage names in the app's environment.
        List<String> actions = List.of();
        for (int i = 0; i < 300 && !actions.containsAll(List.of("register", "remove")); i++) {
            Thread.sleep(100);
            HttpResponse<String> changes = app.get("/listChanges?customerSubscriptionId=" + SUBSCRIPTION);
            assertEquals(200, changes.statusCode(), changes.body());
            actions = MAPPER.readTree(changes.body()).path("changes").findValuesAsText("action");
        }
        assertTrue(actions.containsAll(List.of("register", "remove")), actions.toString());

        HttpResponse<String> unsigned = app.post("/partnerCenterWebhook", "{\"EventName\": \"test-created\"}");
        assertEquals(401, unsigned.statusCode(), unsigned.body());
        assertEquals("InvalidSignature", MAPPER.readTree(unsigned.body()).at("/error/code").asText());

        int armCalls = arm.requests().size();
        HttpResponse<String> mistake = app.post("/registerCustomer", "{\"customerSubscriptionId\": \"x\"}");
        assertEquals(400, mistake.statusCode(), mistake.body());
        assertEquals(armCalls, arm.requests().size(), "a caller's mistake reaches no ARM");

        HttpResponse<String> swagger = app.get("/swagger.json");
        assertEquals(200, swagger.statusCode());
        assertEquals("2.0", MAPPER.readTree(swagger.body()).path("swagger").asText());
        assertEquals(200, app.get("/q/health/ready").statusCode());
    }
}
