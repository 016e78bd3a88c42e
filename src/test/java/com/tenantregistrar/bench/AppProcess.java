package com.tenantregistrar.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged app process: started in a launch mode, timed to its first answer, measured, stopped. */
final class AppProcess implements AutoCloseable {

    /** How to start the app: its command line, and environment variables of its own. */
    record LaunchMode(String name, List<String> command, Map<String, String> environment) {

        LaunchMode(String name, List<String> command) {
            this(name, command, Map.of());
        }
    }

    private final Process process;
    private final int port;
    final double startMillis;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AppProcess(Process process, int port, double startMillis) {
        this.process = process;
        this.port = port;
        this.startMillis = startMillis;
    }

    /** Starts the app and waits for its first 200 from listRegisteredCustomers (a token and an ARM call included). */
    static AppProcess start(LaunchMode mode, Map<String, String> environment, Path log) throws Exception {
        return start(mode, environment, log, "listRegisteredCustomers", null);
    }

    /**
     * Starts the app and sends {@code function} (a GET, or a POST of {@code body}) until its first 200, which
     * {@link #startMillis} times from the process start.
     */
    static AppProcess start(LaunchMode mode, Map<String, String> environment, Path log, String function, String body)
            throws Exception {
        int port = freePort();
        // From the folder of the jar: class-data archives record the class path they were made with.
        ProcessBuilder builder = new ProcessBuilder(mode.command()).redirectErrorStream(true)
                .redirectOutput(log.toAbsolutePath().toFile())
                .directory(Path.of("target", "function-app", "quarkus-app").toFile());
        builder.environment().putAll(environment);
        builder.environment().putAll(mode.environment());
        builder.environment().put("FUNCTIONS_CUSTOMHANDLER_PORT", Integer.toString(port));
        long started = System.nanoTime();
        Process process = builder.start();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + function))
                .timeout(Duration.ofSeconds(30));
        HttpRequest first = body == null ? request.build()
                : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(mode.name() + " exited; see " + log);
            }
            try {
                if (client.send(first, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                Thread.sleep(2);
            }
            if (System.nanoTime() - started > TimeUnit.SECONDS.toNanos(60)) {
                process.destroyForcibly();
                throw new IllegalStateException(mode.name() + " did not answer within 60 s; see " + log);
            }
        }
        return new AppProcess(process, port, (System.nanoTime() - started) / 1e6);
    }

    /** Resident set size now, in MiB. */
    double rssMiB() throws IOException {
        return status("VmRSS:");
    }

    /** The largest resident set size so far, in MiB. */
    double peakRssMiB() throws IOException {
        return status("VmHWM:");
    }

    private double status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("\\D+", "")) / 1024.0;
            }
        }
        throw new IOException("no " + field + " for " + process.pid());
    }

    /** One call; answers its status and how long it took, in ms. */
    double[] call(String method, String function, String body) throws Exception {
        Answer answer = call(method, function, body, Duration.ofSeconds(120));
        return new double[] { answer.status(), answer.millis() };
    }

    /** An answer: its status, how long it took in ms, and its body. */
    record Answer(int status, double millis, String body) {
    }

    /** One call that may take up to {@code timeout}, with the answer's body. */
    Answer call(String method, String function, String body, Duration timeout) throws Exception {
        return call(method, function, body, Map.of(), timeout);
    }

    /** The same with {@code headers} besides. */
    Answer call(String method, String function, String body, Map<String, String> headers, Duration timeout)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + function))
                .timeout(timeout).header("Content-Type", "application/json");
        headers.forEach(request::header);
        request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.method(method, HttpRequest.BodyPublishers.ofString(body));
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), (System.nanoTime() - started) / 1e6, response.body());
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static List<String> command(String... parts) {
        return new ArrayList<>(List.of(parts));
    }
}
