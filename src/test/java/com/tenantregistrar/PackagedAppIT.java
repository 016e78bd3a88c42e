package com.tenantregistrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Functions package (target/function-app) as the host starts it, through the executable host.json names:
 * its layout, a misconfiguration stopping it at start-up with a message naming the setting, and a sound
 * configuration starting it with no emulator inside.
 */
class PackagedAppIT {

    private static final Path APP = Path.of("target", "function-app");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String ID = "/subscriptions/dd8597b4-8739-4467-8b10-f8679f62bfbf"
            + "/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/azurestack-east";
    private static final String REGISTRATION = "east=" + ID;

    private static Path executable() throws IOException {
        JsonNode host = MAPPER.readTree(APP.resolve("host.json").toFile());
        return APP.resolve(host.path("customHandler").path("description").path("defaultExecutablePath").asText());
    }

    private static Process start(Map<String, String> settings) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(executable().toString()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("REGISTRAR_") || k.startsWith("IDENTITY_"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(settings);
        return builder.start();
    }

    @Test
    void thePackageHoldsHostJsonEveryFunctionFolderAndTheExecutable() throws IOException {
        assertEquals(Files.readString(Path.of("host.json")), Files.readString(APP.resolve("host.json")));
        assertTrue(Files.isExecutable(executable()), executable() + " is executable");
        assertTrue(Files.isRegularFile(APP.resolve("quarkus-app/quarkus-run.jar")));
        List<String> folders;
        try (Stream<Path> sources = Files.list(Path.of("src/main/azure-functions"))) {
            folders = sources.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertFalse(folders.isEmpty());
        for (String function : folders) {
            assertEquals(Files.readString(Path.of("src/main/azure-functions", function, "function.json")),
                    Files.readString(APP.resolve(function).resolve("function.json")), function);
        }
        Set<String> zipped = new HashSet<>();
        try (ZipFile zip = new ZipFile(Path.of("target", "function-app.zip").toFile())) {
            zip.stream().forEach(entry -> zipped.add(entry.getName()));
        }
        assertTrue(zipped.contains("host.json") && zipped.contains(executable().getFileName().toString())
                && zipped.contains("quarkus-app/quarkus-run.jar"), zipped.toString());
        folders.forEach(function -> assertTrue(zipped.contains(function + "/function.json"), function));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "REGISTRAR_REGISTRATIONS | ''                                         | REGISTRAR_REGISTRATIONS is invalid: no registration is configured",
            "REGISTRAR_REGISTRATIONS | east=/subscriptions/nope                   | REGISTRAR_REGISTRATIONS is invalid: '/subscriptions/nope' is not the resource ID of a Microsoft.AzureStack/registrations resource",
            "REGISTRAR_REGISTRATIONS | " + REGISTRATION + ",EAST=" + ID + " | the alias 'EAST' is used twice",
            "REGISTRAR_CREDENTIAL    | certificate                                | registrar.credential",
            "REGISTRAR_WEBHOOK_CERT_URL_PREFIXES | http://3psostorageacct.blob.core.windows.net/cert/ | REGISTRAR_WEBHOOK_CERT_URL_PREFIXES is invalid: 'http://3psostorageacct.blob.core.windows.net/cert/' is not https",
            "REGISTRAR_WEBHOOK_MAX_EVENT_AGE | 0s | REGISTRAR_WEBHOOK_MAX_EVENT_AGE is invalid: 0d 00h 00m would refuse every event" })
    void aMisconfigurationStopsStartUpNamingTheSetting(String setting, String value, String message)
            throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("REGISTRAR_REGISTRATIONS", REGISTRATION,
                "FUNCTIONS_CUSTOMHANDLER_PORT", "0"));
        settings.put(setting, value);
        Process app = start(settings);
        assertTrue(app.waitFor(60, TimeUnit.SECONDS), "the app stops by itself");
        String output = new String(app.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertNotEquals(0, app.exitValue(), output);
        assertTrue(output.contains(message), output);
    }

    @Test
    void aSoundConfigurationStartsWithoutTheEmulator() throws Exception {
        int port;
        int closedPort;
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            port = a.getLocalPort();
            closedPort = b.getLocalPort();
        }
        Process app = start(Map.of("REGISTRAR_REGISTRATIONS", REGISTRATION,
                "FUNCTIONS_CUSTOMHANDLER_PORT", Integer.toString(port),
                "REGISTRAR_ARM_ENDPOINT", "https://127.0.0.1:" + closedPort + "/",
                // No identity answers here, and none is probed elsewhere.
                "IDENTITY_ENDPOINT", "http://127.0.0.1:" + closedPort + "/msi/token",
                "IDENTITY_HEADER", "unused"));
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> health = null;
            for (int i = 0; i < 120 && health == null; i++) {
                try {
                    health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                } catch (IOException notYet) {
                    Thread.sleep(250);
                }
            }
            assertEquals(200, health == null ? -1 : health.statusCode());

            HttpResponse<String> register = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/registerCustomer"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"customerSubscriptionId\":"
                            + "\"e09a4e93-29a7-4eba-a6d4-76202383f07f\",\"tenantId\":\"dbab3982-796f-4d03-9908-044c08aef8a2\"}"))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, register.statusCode(), register.body());
            assertTrue(register.body().contains("CredentialUnavailable"), register.body());
        } finally {
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
