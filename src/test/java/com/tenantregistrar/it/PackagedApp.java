package com.tenantregistrar.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged app (target/function-app) started as the Functions host starts it: the executable host.json names,
 * from the function-app folder, on the port in FUNCTIONS_CUSTOMHANDLER_PORT, with its settings as environment
 * variables and nothing else (no REGISTRAR_* or IDENTITY_* inherited from the build).
 */
public final class PackagedApp implements AutoCloseable {

    /** The function-app folder. */
    public static final Path FOLDER = Path.of("target", "function-app").toAbsolutePath();
    private static final Path LOGS = Path.of("target", "packaged-app-logs");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PackagedApp(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** The executable host.json names. */
    public static Path executable() throws IOException {
        JsonNode host = MAPPER.readTree(FOLDER.resolve("host.json").toFile());
        return FOLDER.resolve(host.path("customHandler").path("description").path("defaultExecutablePath").asText());
    }

    /** Starts the app and waits until /q/health/ready answers 200; fails with its output if it does not. */
    public static PackagedApp start(String name, Map<String, String> environment) throws Exception {
        PackagedApp app = launch(name, environment, freePort());
        for (int i = 0; i < 240; i++) {
            if (!app.process.isAlive()) {
                throw new AssertionError(name + " exited with " + app.process.exitValue() + ":\n" + app.output());
            }
            try {
                if (app.get("/q/health/ready").statusCode() == 200) {
                    return app;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        app.close();
        throw new AssertionError(name + " did not become ready:\n" + app.output());
    }

    /** Starts the app expecting it to stop by itself: its exit code and output. */
    public static Stopped startExpectingFailure(String name, Map<String, String> environment) throws Exception {
        PackagedApp app = launch(name, environment, 0);
        if (!app.process.waitFor(60, TimeUnit.SECONDS)) {
            app.close();
            throw new AssertionError(name + " kept running:\n" + app.output());
        }
        return new Stopped(app.process.exitValue(), app.output());
    }

    /** How a start that failed ended. */
    public record Stopped(int exitCode, String output) {
    }

    private static PackagedApp launch(String name, Map<String, String> environment, int port) throws IOException {
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(executable().toString()).directory(FOLDER.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("REGISTRAR_") || k.startsWith("IDENTITY_")
                || k.startsWith("AZURE_") || k.equals("JAVA_OPTS") || k.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("FUNCTIONS_CUSTOMHANDLER_PORT", Integer.toString(port));
        builder.environment().putAll(environment);
        return new PackagedApp(builder.start(), log, port);
    }

    /** Everything the app wrote so far. */
    public String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return post(path, json, Map.of());
    }

    public HttpResponse<String> post(String path, String json, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
