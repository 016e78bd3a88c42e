package com.tenantregistrar.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged app (target/function-app) started as the Functions host starts it: the executable host.json names,
 * from the function-app folder, on the port in FUNCTIONS_CUSTOMHANDLER_PORT, with its settings as environment
 * variables and nothing else (no REGISTRAR_* or IDENTITY_* inherited from the build), and no Java but the runtime the
 * package carries: no JAVA_HOME, and no folder on the PATH that holds a {@code java}. A package built without its
 * runtime is given the building JDK in JAVA_HOME instead.
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

    /** The java of the runtime the package carries. */
    public static final Path RUNTIME_JAVA = FOLDER.resolve("runtime").resolve("bin").resolve("java");

    /** {@code path} without any folder that holds a {@code java}, as on a host with no Java. */
    public static String pathWithoutJava(String path) {
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(folder -> !folder.isEmpty() && !Files.exists(Path.of(folder, "java")))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Whether the package runs on the JVM through the launcher script (not a native executable, -Dnative). */
    public static boolean jvm() throws IOException {
        try (InputStream in = Files.newInputStream(executable())) {
            return Arrays.equals("#!".getBytes(StandardCharsets.US_ASCII), in.readNBytes(2));
        }
    }

    /** The executable host.json names. */
    public static Path executable() throws IOException {
        JsonNode host = MAPPER.readTree(FOLDER.resolve("host.json").toFile());
        return FOLDER.resolve(host.path("customHandler").path("description").path("defaultExecutablePath").asText());
    }

    /** Starts the app and waits until /q/health/ready answers 200; fails with its output if it does not. */
    public static PackagedApp start(String name, Map<String, String> environment) throws Exception {
        return started(name, launch(name, List.of(executable().toString()), environment, freePort()));
    }

    /**
     * Starts the package as the Functions host's Java stack does: the platform's {@code java} (here the JDK running
     * the tests) with host.json's arguments, in the function-app folder; waits until it is ready.
     */
    public static PackagedApp startOnTheJavaStack(String name, List<String> arguments, Map<String, String> environment)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        return started(name, launch(name, command, environment, freePort()));
    }

    private static PackagedApp started(String name, PackagedApp app) throws Exception {
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
        PackagedApp app = launch(name, List.of(executable().toString()), environment, 0);
        if (!app.process.waitFor(60, TimeUnit.SECONDS)) {
            app.close();
            throw new AssertionError(name + " kept running:\n" + app.output());
        }
        return new Stopped(app.process.exitValue(), app.output());
    }

    /** How a start that failed ended. */
    public record Stopped(int exitCode, String output) {
    }

    private static PackagedApp launch(String name, List<String> command, Map<String, String> environment, int port)
            throws IOException {
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(FOLDER.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("REGISTRAR_") || k.startsWith("IDENTITY_")
                || k.startsWith("AZURE_") || k.equals("JAVA_OPTS") || k.equals("JAVA_TOOL_OPTIONS"));
        if (Files.isExecutable(RUNTIME_JAVA)) {
            builder.environment().remove("JAVA_HOME");
            builder.environment().put("PATH", pathWithoutJava(builder.environment().getOrDefault("PATH", "")));
        } else {
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        }
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

    /** The program the app's process runs (the launcher replaces itself with the JVM it chose). */
    public Path program() throws IOException {
        return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "exe"));
    }

    /** The files the app's process has mapped into memory, such as a class-data archive it uses. */
    public Set<String> mappedFiles() throws IOException {
        try (Stream<String> maps = Files.lines(Path.of("/proc", Long.toString(process.pid()), "maps"))) {
            return maps.map(line -> line.split("\\s+", 6)).filter(fields -> fields.length == 6)
                    .map(fields -> fields[5]).collect(Collectors.toSet());
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(20));
    }

    /** Stops the app as the host does (SIGTERM), waiting up to {@code grace} before killing it; its exit code. */
    public int stop(Duration grace) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return process.exitValue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
