package com.tenantregistrar.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Build step of {@code mvn package} (not a test): the training run that makes the class-data archive the launcher
 * uses. It starts the packaged app ({@link PackagedApp}: the launcher, on the packaged runtime, with the launcher's
 * own JVM options) beside the emulated Azure, drives the real call path of every function, and stops it with SIGTERM,
 * at which the JVM writes the archive into quarkus-app: JDK 25's AOT cache ({@value #AOT_CACHE}, JEP 483/514/515:
 * classes loaded and linked, and method profiles) or, on an older runtime, a dynamic AppCDS archive
 * ({@value #APPCDS_ARCHIVE}).
 */
public final class TrainingRun {

    static final String AOT_CACHE = "app.aot";
    static final String APPCDS_ARCHIVE = "app.jsa";
    private static final int ROUNDS = 12;
    private static final Path QUARKUS_APP = PackagedApp.FOLDER.resolve("quarkus-app");

    private TrainingRun() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        boolean aot = runtimeFeature() >= 25;
        Path archive = QUARKUS_APP.resolve(aot ? AOT_CACHE : APPCDS_ARCHIVE);
        Files.deleteIfExists(QUARKUS_APP.resolve(AOT_CACHE));
        Files.deleteIfExists(QUARKUS_APP.resolve(APPCDS_ARCHIVE));
        // Relative to quarkus-app, where the launcher starts the JVM: the archive holds the class path as given.
        String record = aot ? "-XX:AOTCacheOutput=" + AOT_CACHE : "-XX:ArchiveClassesAtExit=" + APPCDS_ARCHIVE;
        try (AzureBeside azure = AzureBeside.start()) {
            Path manifest = Files.createDirectories(Path.of("target", "it")).resolve("training-desired-state.json")
                    .toAbsolutePath();
            Files.writeString(manifest, "{\"customers\": [{\"customerSubscriptionId\": \"" + UUID.randomUUID()
                    + "\", \"tenantId\": \"" + UUID.randomUUID() + "\"}]}");
            Map<String, String> environment = azure.environment(
                    "REGISTRAR_DESIRED_STATE", manifest.toString(),
                    "REGISTRAR_WEBHOOK_CERT_URL_PREFIXES", azure.armEndpoint() + "cert/",
                    "REGISTRAR_WEBHOOK_CERT_ORGANIZATION", "Contoso Ltd");
            environment.merge("JAVA_TOOL_OPTIONS", " " + record, String::concat);
            PackagedApp app = PackagedApp.start("training", environment);
            try {
                azure.state().publish("/cert/training.cer", AzureBeside.SIGNING.otherOrganization.der());
                for (int round = 0; round < ROUNDS; round++) {
                    callEveryFunction(app, azure.armEndpoint() + "cert/training.cer");
                }
            } finally {
                // The JDK 25 cache is assembled at exit, which takes a while on a busy machine.
                app.stop(Duration.ofMinutes(3));
            }
        }
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("The training run wrote no " + archive + "; see "
                    + Path.of("target", "packaged-app-logs", "training.log"));
        }
        System.out.printf("[training] %s: %d MB, in %.0f s%n", PackagedApp.FOLDER.relativize(archive),
                Files.size(archive) >> 20, (System.nanoTime() - started) / 1e9);
    }

    /** The feature version of the Java the launcher runs: the packaged runtime's, else this JVM's (its JAVA_HOME). */
    private static int runtimeFeature() throws IOException {
        Path runtime = PackagedApp.FOLDER.resolve("runtime");
        return Files.isRegularFile(runtime.resolve("release"))
                ? Runtime.Version.parse(RuntimeImage.release(runtime)).feature()
                : Runtime.version().feature();
    }

    /** One round of what callers and the host send, each answer checked, so the archive holds what they need. */
    private static void callEveryFunction(PackagedApp app, String certificateUrl) throws Exception {
        String subscription = UUID.randomUUID().toString();
        String customer = "{\"customerSubscriptionId\": \"" + subscription
                + "\", \"tenantId\": \"dbab3982-796f-4d03-9908-044c08aef8a2\"}";
        expect(200, app.post("/registerCustomer", customer));
        expect(200, app.get("/listRegisteredCustomers"));
        expect(200, app.get("/listRegisteredCustomers?registration=north"));
        expect(200, app.post("/removeCustomer", "{\"customerSubscriptionId\": \"" + subscription
                + "\", \"registrations\": [\"*\"]}"));
        expect(200, app.post("/checkDrift", "{}"));
        expect(200, app.post("/driftCheck", resource("/functions-custom-handler/timer-request-null-status.json")));
        String event = resource("/partner-center/subscription-updated.json")
                .replace("{{CustomerId}}", "dbab3982-796f-4d03-9908-044c08aef8a2")
                .replace("{{SubscriptionId}}", subscription)
                .replace("2017-11-16T16:19:06.3520276+00:00", java.time.Instant.now().toString());
        expect(200, app.post("/partnerCenterWebhook", event, Map.of(
                "Authorization", "Signature " + AzureBeside.SIGNING.otherOrganization.sign(event),
                "X-MS-Signature-Algorithm", "rsa-sha256",
                "X-MS-Certificate-Url", certificateUrl)));
        expect(401, app.post("/partnerCenterWebhook", "{\"EventName\": \"test-created\"}"));
        for (String mistake : List.of("{\"customerSubscriptionId\": \"x\"}", "{", "{\"customerSubscriptionId\": \""
                + subscription + "\", \"registration\": \"north\"}")) {
            expect(400, app.post(mistake.contains("registration\"") ? "/removeCustomer" : "/registerCustomer", mistake));
        }
        expect(200, app.get("/swagger.json"));
        expect(200, app.get("/q/health/ready"));
        expect(200, app.get("/q/health/live"));
    }

    private static void expect(int status, HttpResponse<String> answer) {
        if (answer.statusCode() != status) {
            throw new IllegalStateException(answer.request().method() + " " + answer.request().uri() + " answered "
                    + answer.statusCode() + ", not " + status + ": " + answer.body());
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TrainingRun.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
