package com.tenantregistrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.tenantregistrar.it.PackagedApp;

/**
 * The Functions package (target/function-app) as the host starts it, through the executable host.json names:
 * its layout, a wrong setting stopping it at start-up with one line that names the variable, and a sound
 * configuration starting it with no emulator inside.
 */
class PackagedAppIT {

    private static final Path APP = PackagedApp.FOLDER;

    private static final String ID = "/subscriptions/dd8597b4-8739-4467-8b10-f8679f62bfbf"
            + "/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/azurestack-east";
    private static final String REGISTRATION = "east=" + ID;

    @Test
    void thePackageHoldsHostJsonEveryFunctionFolderAndTheExecutable() throws IOException {
        Path executable = PackagedApp.executable();
        assertEquals(Files.readString(Path.of("host.json")), Files.readString(APP.resolve("host.json")));
        assertTrue(Files.isExecutable(executable), executable + " is executable");
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
        assertTrue(zipped.contains("host.json") && zipped.contains(executable.getFileName().toString())
                && zipped.contains("quarkus-app/quarkus-run.jar"), zipped.toString());
        folders.forEach(function -> assertTrue(zipped.contains(function + "/function.json"), function));
    }

    /**
     * Nothing else: the folder is assembled afresh by each build, so neither it nor the zip keeps what an earlier build
     * left (a runtime beside a native executable, a stale file).
     */
    @Test
    void thePackageHoldsNothingElse() throws IOException {
        Set<String> expected = new TreeSet<>(List.of("host.json", PackagedApp.executable().getFileName().toString()));
        if (PackagedApp.jvm()) {
            expected.addAll(List.of("quarkus-app", "runtime"));
        }
        try (Stream<Path> sources = Files.list(Path.of("src/main/azure-functions"))) {
            sources.forEach(p -> expected.add(p.getFileName().toString()));
        }
        Set<String> folder;
        try (Stream<Path> entries = Files.list(APP)) {
            folder = entries.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(expected, folder);
        Set<String> zipped;
        try (ZipFile zip = new ZipFile(Path.of("target", "function-app.zip").toFile())) {
            zipped = zip.stream().map(entry -> entry.getName().split("/")[0])
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(expected, zipped);
    }

    /** The JVM archives no class of a signed jar, so the build drops the Azure SDK's signatures. */
    @Test
    void noPackagedJarIsSigned() throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.walk(APP.resolve("quarkus-app"))) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).toList();
        }
        assertTrue(jars.stream().anyMatch(p -> p.getFileName().toString().startsWith("com.azure.azure-core-")), jars.toString());
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                List<String> signatures = zip.stream().map(ZipEntry::getName)
                        .filter(name -> name.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)")).toList();
                assertEquals(List.of(), signatures, jar.getFileName().toString());
            }
        }
    }

    /** The zip deployment, runtime and archive included, within its budget (docs/deployment.md states the figure). */
    @Test
    void theZipIsWithinItsSizeBudget() throws IOException {
        long size = Files.size(Path.of("target", "function-app.zip"));
        assertTrue(size <= 150L * 1024 * 1024, "function-app.zip is " + (size >> 20) + " MiB; the budget is 150 MiB");
        try (ZipFile zip = new ZipFile(Path.of("target", "function-app.zip").toFile())) {
            assertEquals(PackagedApp.jvm(), zip.getEntry("runtime/bin/java") != null,
                    "the zip carries the runtime, unless it holds a native executable");
        }
    }

    /** Each kind of wrong value: the app stops at once, and its whole output is one line saying what to fix. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "REGISTRAR_ARM_TIMEOUT           | forever                      | REGISTRAR_ARM_TIMEOUT is invalid: 'forever' is not a duration such as 800ms, 30s, 5m or 1h; for example REGISTRAR_ARM_TIMEOUT=90s",
            "REGISTRAR_ARM_RESPONSE_TIMEOUT  | 0s                           | REGISTRAR_ARM_RESPONSE_TIMEOUT is invalid: '0s' must be longer than zero; for example REGISTRAR_ARM_RESPONSE_TIMEOUT=30s",
            "REGISTRAR_ARM_MAX_CONCURRENCY   | eight                        | REGISTRAR_ARM_MAX_CONCURRENCY is invalid: 'eight' is not a whole number; for example REGISTRAR_ARM_MAX_CONCURRENCY=8",
            "REGISTRAR_ARM_MAX_CONCURRENCY   | 0                            | REGISTRAR_ARM_MAX_CONCURRENCY is invalid: 0 would let no request through; it must be at least 1; for example REGISTRAR_ARM_MAX_CONCURRENCY=8",
            "REGISTRAR_DRIFT_MAX_REMOVALS    | -1                           | REGISTRAR_DRIFT_MAX_REMOVALS is invalid: '-1' must not be negative; for example REGISTRAR_DRIFT_MAX_REMOVALS=0",
            "REGISTRAR_DRIFT_MAX_REMOVALS    | 5000                         | REGISTRAR_DRIFT_MAX_REMOVALS is invalid: '5000' is more than 1000, the most a budget of 24 hours holds; for example REGISTRAR_DRIFT_MAX_REMOVALS=0",
            "REGISTRAR_WEBHOOK_AUTO_REGISTER | ture                         | REGISTRAR_WEBHOOK_AUTO_REGISTER is invalid: 'ture' is not true or false; for example REGISTRAR_WEBHOOK_AUTO_REGISTER=false",
            "REGISTRAR_DRIFT_MODE            | fix                          | REGISTRAR_DRIFT_MODE is invalid: 'fix' is not one of report, reconcile; for example REGISTRAR_DRIFT_MODE=report",
            "REGISTRAR_CREDENTIAL            | certificate                  | REGISTRAR_CREDENTIAL is invalid: 'certificate' is not one of managed-identity, default; for example REGISTRAR_CREDENTIAL=managed-identity",
            "REGISTRAR_ARM_ENDPOINT          | http://management.azure.com/ | REGISTRAR_ARM_ENDPOINT is invalid: 'http://management.azure.com/' is not an https URL; for example REGISTRAR_ARM_ENDPOINT=https://management.azure.com/",
            "REGISTRAR_DESIRED_STATE         | no-such-manifest.json        | REGISTRAR_DESIRED_STATE is invalid: " + "@FOLDER@/no-such-manifest.json is not a file (a relative path is read from the function-app folder, @FOLDER@); for example REGISTRAR_DESIRED_STATE=desired-state.json",
            "REGISTRAR_ARM_RETRY_BASE_DELAY  | 10s                          | REGISTRAR_ARM_RETRY_BASE_DELAY is invalid: '10s' is longer than REGISTRAR_ARM_RETRY_MAX_DELAY ('8s'); it must not be; for example REGISTRAR_ARM_RETRY_BASE_DELAY=800ms",
            "REGISTRAR_ARM_RETRY_MAX_DELAY   | 100ms                        | REGISTRAR_ARM_RETRY_BASE_DELAY is invalid: '800ms' is longer than REGISTRAR_ARM_RETRY_MAX_DELAY ('100ms'); it must not be",
            "REGISTRAR_DRIFT_DESIRED_STATE   | desired-state.json           | REGISTRAR_DRIFT_DESIRED_STATE is not a setting of this app, so it would be ignored; correct its name (see docs/configuration.md) or remove it",
            "REGISTRAR_WEBHOOK_CERT_URL_PREFIXES | http://3psostorageacct.blob.core.windows.net/cert/ | REGISTRAR_WEBHOOK_CERT_URL_PREFIXES is invalid: 'http://3psostorageacct.blob.core.windows.net/cert/' is not https",
            "REGISTRAR_WEBHOOK_MAX_EVENT_AGE | 0s                           | REGISTRAR_WEBHOOK_MAX_EVENT_AGE is invalid: '0s' must be longer than zero; for example REGISTRAR_WEBHOOK_MAX_EVENT_AGE=7d",
            "REGISTRAR_DRIFT_MAX_WRITES      | -5                           | REGISTRAR_DRIFT_MAX_WRITES is invalid: '-5' must not be negative; for example REGISTRAR_DRIFT_MAX_WRITES=20000",
            "REGISTRAR_DRIFT_DEADLINE        | 0s                           | REGISTRAR_DRIFT_DEADLINE is invalid: '0s' must be longer than zero; for example REGISTRAR_DRIFT_DEADLINE=8m",
            "REGISTRAR_PARTNER_CENTER_CLIENT_ID | 1b8f2c4e-7a3d-4e5f-9c0b-2d6e8f1a3b5c | REGISTRAR_PARTNER_CENTER_TENANT_ID is missing: REGISTRAR_PARTNER_CENTER_CLIENT_ID is set",
            "REGISTRAR_WEBHOOK_AUTO_REGISTER | true                         | REGISTRAR_WEBHOOK_AUTO_REGISTER=true needs the Partner Center connection",
            "REGISTRAR_PARTNER_CENTER_MAX_CONCURRENCY | 0                | REGISTRAR_PARTNER_CENTER_MAX_CONCURRENCY is invalid: 0 would let no request through; it must be at least 1",
            "REGISTRAR_PARTNER_CENTER_BUDGET | 0s                           | REGISTRAR_PARTNER_CENTER_BUDGET is invalid: '0s' must be longer than zero",
            "REGISTRAR_PARTNER_CENTER_MAX_AGE | two days                   | REGISTRAR_PARTNER_CENTER_MAX_AGE is invalid: 'two days' is not a duration such as 800ms, 30s, 5m or 1h; for example REGISTRAR_PARTNER_CENTER_MAX_AGE=48h",
            "WEBSITE_AUTH_ENABLED            | maybe                        | WEBSITE_AUTH_ENABLED is invalid: 'maybe' is not true or false; for example WEBSITE_AUTH_ENABLED=false",
            "REGISTRAR_DRIFT_REMOVAL_GRACE   | 3 days                       | REGISTRAR_DRIFT_REMOVAL_GRACE is invalid: '3 days' is not a duration such as 800ms, 30s, 5m or 1h; for example REGISTRAR_DRIFT_REMOVAL_GRACE=72h",
            "REGISTRAR_PARTNER_CENTER_MAX_SHRINK | 150%                     | REGISTRAR_PARTNER_CENTER_MAX_SHRINK is invalid: '150%' is not a percentage from 0% to 100%, such as 10%; for example REGISTRAR_PARTNER_CENTER_MAX_SHRINK=10%",
            "REGISTRAR_PARTNER_CENTER_MAX_SHRINK | a tenth                  | REGISTRAR_PARTNER_CENTER_MAX_SHRINK is invalid: 'a tenth' is not a percentage from 0% to 100%, such as 10%; for example REGISTRAR_PARTNER_CENTER_MAX_SHRINK=10%",
            "REGISTRAR_JOURNAL_RETENTION     | 0d                           | REGISTRAR_JOURNAL_RETENTION is invalid: '0d' must be longer than zero; for example REGISTRAR_JOURNAL_RETENTION=400d",
            "REGISTRAR_DRIFT_REPORT_RETENTION | 0d                          | REGISTRAR_DRIFT_REPORT_RETENTION is invalid: '0d' must be longer than zero",
            "REGISTRAR_PARTNER_CENTER_MAX_CUSTOMER_FAILURES | 0             | REGISTRAR_PARTNER_CENTER_MAX_CUSTOMER_FAILURES is invalid: 0 would step over every customer before its first read; it must be at least 1",
            "REGISTRAR_REGISTRATIONS         | ''                           | REGISTRAR_REGISTRATIONS is invalid: no registration is configured.",
            "REGISTRAR_REGISTRATIONS         | east=/subscriptions/nope     | REGISTRAR_REGISTRATIONS is invalid: '/subscriptions/nope' is not the resource ID of a Microsoft.AzureStack/registrations resource",
            "REGISTRAR_REGISTRATIONS         | " + REGISTRATION + ",EAST=" + ID + " | REGISTRAR_REGISTRATIONS is invalid: the alias 'EAST' is used twice" })
    void aWrongValueStopsStartUpWithOneLineNamingTheVariable(String variable, String value, String expected)
            throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("REGISTRAR_REGISTRATIONS", REGISTRATION));
        settings.put(variable, value);
        PackagedApp.Stopped stopped = PackagedApp.startExpectingFailure("wrong-" + variable, settings);
        assertNotEquals(0, stopped.exitCode(), stopped.output());
        List<String> lines = stopped.output().strip().lines().toList();
        assertEquals(1, lines.size(), stopped.output());
        assertTrue(lines.get(0).startsWith(expected.replace("@FOLDER@", APP.toString())), stopped.output());
    }

    @Test
    void aSoundConfigurationStartsWithoutTheEmulator() throws Exception {
        int closedPort;
        try (ServerSocket b = new ServerSocket(0)) {
            closedPort = b.getLocalPort();
        }
        try (PackagedApp app = PackagedApp.start("sound", Map.of("REGISTRAR_REGISTRATIONS", REGISTRATION,
                "REGISTRAR_ARM_ENDPOINT", "https://127.0.0.1:" + closedPort + "/",
                // No identity answers here, and none is probed elsewhere.
                "IDENTITY_ENDPOINT", "http://127.0.0.1:" + closedPort + "/msi/token",
                "IDENTITY_HEADER", "unused"))) {
            HttpResponse<String> register = app.post("/registerCustomer", "{\"customerSubscriptionId\":"
                    + "\"e09a4e93-29a7-4eba-a6d4-76202383f07f\",\"tenantId\":\"dbab3982-796f-4d03-9908-044c08aef8a2\"}");
            assertEquals(503, register.statusCode(), register.body());
            assertTrue(register.body().contains("CredentialUnavailable"), register.body());
        }
    }
}
