package com.tenantregistrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged app (target/quarkus-app) as an operator starts it: a misconfiguration stops it at start-up with a
 * message naming the setting, and a sound configuration starts it with no emulator inside.
 */
class ConfigurationErrorIT {

    private static final String ID = "/subscriptions/dd8597b4-8739-4467-8b10-f8679f62bfbf"
            + "/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/azurestack-east";
    private static final String REGISTRATION = "east=" + ID;

    private static Process start(Map<String, String> settings) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", Path.of("target", "quarkus-app", "quarkus-run.jar")
                .toString()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("REGISTRAR_") || k.startsWith("IDENTITY_"));
        builder.environment().putAll(settings);
        return builder.start();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "REGISTRAR_REGISTRATIONS | ''                                         | REGISTRAR_REGISTRATIONS is invalid: no registration is configured",
            "REGISTRAR_REGISTRATIONS | east=/subscriptions/nope                   | REGISTRAR_REGISTRATIONS is invalid: '/subscriptions/nope' is not the resource ID of a Microsoft.AzureStack/registrations resource",
            "REGISTRAR_REGISTRATIONS | " + REGISTRATION + ",EAST=" + ID + " | the alias 'EAST' is used twice",
            "REGISTRAR_CREDENTIAL    | certificate                                | registrar.credential" })
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
