package com.tenantregistrar.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.bench.AppProcess.LaunchMode;
import com.tenantregistrar.coverage.HeadlessChromium;
import com.tenantregistrar.emulator.Azurite;
import com.tenantregistrar.emulator.EmulatedAzure;
import com.tenantregistrar.emulator.EmulatorState;
import com.tenantregistrar.emulator.Fault;
import com.tenantregistrar.emulator.PartnerCenterState;
import com.tenantregistrar.it.PackagedAppAzure;
import com.tenantregistrar.registration.Registration;
import com.tenantregistrar.registration.RegistrationCatalog;
import com.tenantregistrar.storage.StorageProxy;
import com.tenantregistrar.storage.StorageProxy.Service;
import com.tenantregistrar.webhook.SigningKit;

import io.vertx.core.Vertx;

/**
 * The benchmark suite ({@code mvn -Pbench}): starts the packaged app in each launch mode against the emulated
 * Azure and writes docs/benchmarks.md. Not a test: it asserts nothing, it measures.
 */
public final class Benchmarks {

    private static final String SUBSCRIPTION = "e09a4e93-29a7-4eba-a6d4-76202383f07f";
    private static final String TENANT = "dbab3982-796f-4d03-9908-044c08aef8a2";
    /** Three registrations, each in a subscription of its own (ARM throttles each subscription's writes apart). */
    private static final String REGISTRATIONS = "east=/subscriptions/dd8597b4-8739-4467-8b10-f8679f62bfbf"
            + "/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/azurestack-east,"
            + "west=/subscriptions/5f0a1c2e-9b8d-4e7f-a6c5-b4d3e2f1a0b9/resourceGroups/azurestack/providers"
            + "/Microsoft.AzureStack/registrations/azurestack-west,"
            + "north=/subscriptions/3c9e7d1a-6f2b-4a8e-b5d4-c1e0f9a8b7c6/resourceGroups/azurestack/providers"
            + "/Microsoft.AzureStack/registrations/azurestack-north";
    private static final Path OUT = Path.of("target", "bench");
    private static final Path APP = Path.of("target", "function-app");
    private static final String JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";
    /** Partner Center's time runs this many times faster in the emulator, so 10,000 customers take minutes. */
    private static final int PARTNER_CENTER_TIME_SCALE = 25;
    /** A Partner Center call's own latency assumed (not measured): the emulator waits this ÷ the scale. */
    private static final Duration PARTNER_CENTER_LATENCY = Duration.ofMillis(300);
    /** Partner Center's documented limit on subscription calls, requests per minute. */
    private static final int PARTNER_CENTER_RATE = 500;
    private static final int PARTNER_CENTER_CONCURRENCY = 4;

    private final int runs = Integer.getInteger("bench.runs", 5);
    private final int maxConcurrency = Integer.getInteger("bench.max-concurrency", 8);
    /**
     * The sections to run (cold-start, overhead, burst, drift, partner-center, journal, onboarding, webhook,
     * coverage, identity-outage), comma-separated; empty: all.
     */
    private final Set<String> only = Arrays.stream(System.getProperty("bench.only", "").split(","))
            .map(String::trim).filter(name -> !name.isEmpty()).collect(Collectors.toSet());
    /**
     * JVM options to try against the package's own, '|'-separated: each is one more cold-start mode, the package's
     * launcher with {@code JAVA_OPTS} set to it (which replaces the launcher's defaults, the archive's option too).
     */
    private final List<String> tried = Arrays.stream(System.getProperty("bench.java-opts", "").split("\\|"))
            .map(String::trim).filter(options -> !options.isEmpty()).toList();
    private final StringBuilder report = new StringBuilder();
    private EmulatedAzure azure;
    private Map<String, String> environment;
    private List<String> trustFlags;
    private Path manifest;

    public static void main(String[] args) {
        try {
            new Benchmarks().run();
        } catch (Exception failed) {
            // The emulators' Vert.x threads would keep the JVM, and mvn -Pbench, running on after a failed section.
            failed.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private void run() throws Exception {
        Files.createDirectories(OUT);
        Vertx vertx = Vertx.vertx();
        List<Registration> registrations = RegistrationCatalog.parse(REGISTRATIONS);
        azure = EmulatedAzure.start(vertx, new EmulatedAzure.Settings(registrations, "https://management.azure.com/",
                "bench-identity-header", 0, 0, 100));
        // The webhook's section signs its events with a certificate of this root.
        SigningKit signing = new SigningKit();
        Path trustStore = PackagedAppAzure.trustStore(azure, OUT.resolve("truststore.p12").toAbsolutePath(),
                signing.root.certificate());
        trustFlags = List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=changeit");
        manifest = OUT.resolve("desired-state.json").toAbsolutePath();
        Files.writeString(manifest, "{\"customers\": []}");
        environment = new HashMap<>(Map.of(
                "REGISTRAR_REGISTRATIONS", REGISTRATIONS,
                "REGISTRAR_ARM_ENDPOINT", azure.armEndpoint(),
                "REGISTRAR_DESIRED_STATE", manifest.toString(),
                "REGISTRAR_ARM_MAX_CONCURRENCY", Integer.toString(maxConcurrency),
                "IDENTITY_ENDPOINT", azure.identityEndpoint(),
                "IDENTITY_HEADER", "bench-identity-header"));

        header();
        if (runs("cold-start")) {
            coldStartAndMemory(modes());
        }
        LaunchMode shipped = launcher();
        if (runs("overhead")) {
            overhead(shipped);
        }
        if (runs("burst")) {
            burst(shipped);
        }
        if (runs("drift")) {
            driftAtScale(shipped, registrations);
        }
        if (runs("partner-center")) {
            partnerCenterWalk(shipped, registrations);
        }
        if (runs("journal")) {
            journal(shipped, vertx);
        }
        if (runs("onboarding")) {
            onboarding(shipped, registrations);
        }
        if (runs("webhook")) {
            new WebhookBenchmark(azure, signing, partnerCenterConnected(Duration.ofMinutes(4)), runs, this::line)
                    .run(shipped, registrations, OUT.resolve("webhook.log"));
        }
        if (runs("coverage")) {
            coverage(shipped, registrations);
        }
        if (runs("identity-outage")) {
            new IdentityOutageBenchmark(azure.state(), environment, runs, this::line)
                    .run(shipped, registrations.size(), OUT.resolve("identity-outage.log"));
        }

        // A partial run does not replace the committed figures.
        Path doc = only.isEmpty() ? Path.of("docs", "benchmarks.md") : OUT.resolve("benchmarks.md");
        Files.createDirectories(doc.getParent());
        Files.writeString(doc, report);
        System.out.println(report);
        System.out.println("Written to " + doc);
        azure.close();
        vertx.close();
    }

    private List<String> java(String java, String... flags) {
        List<String> command = AppProcess.command(java);
        command.addAll(List.of(flags));
        command.addAll(trustFlags);
        command.add("-jar");
        command.add("quarkus-run.jar");
        return command;
    }

    /**
     * The launch modes the cold start compares: a plain {@code java -jar} on JDK 17 (as the Java stack runs it), the
     * previous launcher's JVM options on JDK 17 (its Quarkus AppCDS archive is no longer built: that packaging is
     * gone), the package's own runtime without its archive, and the package as shipped; native where built.
     */
    private List<LaunchMode> modes() {
        String java17 = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<LaunchMode> modes = new ArrayList<>();
        modes.add(new LaunchMode("JDK 17 `java -jar`", java(java17)));
        modes.add(new LaunchMode("JDK 17, serial GC + C1 (the previous launcher's options, without its archive)",
                java(java17, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")));
        LaunchMode shipped = launcher();
        Map<String, String> noArchive = new HashMap<>(shipped.environment());
        noArchive.put("JAVA_OPTS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        modes.add(new LaunchMode("the package's runtime, serial GC + C1, no archive", shipped.command(), noArchive));
        modes.add(shipped);
        for (String options : tried) {
            Map<String, String> variant = new HashMap<>(shipped.environment());
            variant.put("JAVA_OPTS", options);
            modes.add(new LaunchMode("the package, `JAVA_OPTS=\"" + options + "\"`", shipped.command(), variant));
        }
        Path runner = Path.of("target", "tenant-registrar-runner");
        if (Files.isExecutable(runner)) {
            List<String> nativeCommand = AppProcess.command(runner.toAbsolutePath().toString());
            nativeCommand.addAll(trustFlags);
            modes.add(new LaunchMode("native", nativeCommand));
        }
        return modes;
    }

    private boolean runs(String section) {
        return only.isEmpty() || only.contains(section);
    }

    /**
     * The app as shipped: the launcher on the package's runtime with the archive the build trained, whose own JVM
     * options stay; the JVM reads the trust store from the environment.
     */
    private LaunchMode launcher() {
        return new LaunchMode("the package: launcher, its runtime and trained archive, serial GC + C1",
                AppProcess.command(APP.resolve("tenant-registrar").toAbsolutePath().toString()),
                Map.of("JAVA_TOOL_OPTIONS", String.join(" ", trustFlags)));
    }

    private void header() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        line("# Benchmarks");
        line("");
        line("Written by `mvn -Pbench` (" + getClass().getName() + ") on " + ZonedDateTime.now().withNano(0) + ".");
        line("Each figure is the median of repeated runs with the range in brackets; ratios compare runs made side by "
                + "side in this one run, since the machine is shared and absolute figures drift from day to day.");
        line("");
        line("| | |");
        line("|---|---|");
        line("| machine | " + Runtime.getRuntime().availableProcessors() + " cores, " + cpu + ", " + memory + " |");
        line("| JDK | " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + (Files.isExecutable(Path.of(JDK25)) ? "; JDK 25 from " + JDK25 : "") + " |");
        line("| ARM | the emulator in-process with the benchmark (HTTPS on localhost), so ARM's own latency is "
                + "absent unless stated |");
        line("| settings | 3 registrations, REGISTRAR_ARM_MAX_CONCURRENCY=" + maxConcurrency + ", " + runs
                + " runs per launch mode |");
        line("");
    }

    private void coldStartAndMemory(List<LaunchMode> modes) throws Exception {
        line("## 1–2. Cold start and memory");
        line("");
        line("Cold start: from process start to the first 200 from `registerCustomer` on all 3 registrations (the "
                + "managed-identity token, the TLS handshake and 3 ARM PUTs). Memory: resident set size right after "
                + "that first answer, and after 1,000 more `registerCustomer` calls. The modes take turns, run by "
                + "run, so that the machine's load hits them alike.");
        line("");
        Map<String, List<Double>> starts = new LinkedHashMap<>();
        Map<String, List<Double>> rssStart = new LinkedHashMap<>();
        Map<String, List<Double>> rssLoaded = new LinkedHashMap<>();
        for (int run = 0; run < runs; run++) {
            for (LaunchMode mode : modes) {
                try (AppProcess app = AppProcess.start(mode, environment, OUT.resolve("start.log"), "registerCustomer",
                        "{\"customerSubscriptionId\":\"" + SUBSCRIPTION + "\",\"tenantId\":\"" + TENANT + "\"}")) {
                    starts.computeIfAbsent(mode.name(), k -> new ArrayList<>()).add(app.startMillis);
                    rssStart.computeIfAbsent(mode.name(), k -> new ArrayList<>()).add(app.rssMiB());
                    for (int i = 0; i < 1000; i++) {
                        app.call("POST", "registerCustomer", registerBody("east"));
                    }
                    rssLoaded.computeIfAbsent(mode.name(), k -> new ArrayList<>()).add(app.rssMiB());
                }
            }
        }
        line("| launch mode | cold start | × JDK 17 `java -jar` | RSS after start | RSS after 1,000 requests |");
        line("|---|---|---|---|---|");
        double baseline = Stats.of(starts.values().iterator().next()).median();
        for (LaunchMode mode : modes) {
            Stats start = Stats.of(starts.get(mode.name()));
            line("| " + mode.name() + " | " + start.describe(0, "ms") + " | "
                    + String.format("%.2f", start.median() / baseline) + " | "
                    + Stats.of(rssStart.get(mode.name())).describe(0, "MiB") + " | "
                    + Stats.of(rssLoaded.get(mode.name())).describe(0, "MiB") + " |");
        }
        line("");
        line("Every mode starts in `target/function-app/quarkus-app`, where the archives' recorded class path "
                + "(`quarkus-run.jar` and its jars) holds; the package's runtime is " + packagedRuntime()
                + ". Commands: " + modes.stream()
                .map(m -> "`" + (m.environment().containsKey("JAVA_OPTS") ? "JAVA_OPTS=\"" + m.environment()
                        .get("JAVA_OPTS") + "\" " : "") + String.join(" ", m.command())
                        .replace(OUT.toAbsolutePath() + "/", "").replace(APP.toAbsolutePath() + "/", "") + "`")
                .reduce((a, b) -> a + "; " + b).orElse("") + ".");
        line("");
    }

    private static String packagedRuntime() throws IOException {
        Path release = APP.resolve("runtime").resolve("release");
        return Files.exists(release) ? Files.readAllLines(release).stream().filter(l -> l.startsWith("JAVA_VERSION"))
                .findFirst().orElse("?").replace("JAVA_VERSION=", "Java ").replace("\"", "") : "absent";
    }

    private void overhead(LaunchMode mode) throws Exception {
        line("## 3. Overhead per call");
        line("");
        line("1,000 sequential `registerCustomer` calls (one registration, so one ARM PUT each) through the app, against "
                + "1,000 direct PUTs of the same body to the emulated ARM over a kept-alive TLS connection, after "
                + "300 calls of warm-up each.");
        line("");
        try (AppProcess app = AppProcess.start(mode, environment, OUT.resolve("overhead.log"))) {
            List<Double> viaApp = new ArrayList<>();
            for (int i = 0; i < 1300; i++) {
                double[] result = app.call("POST", "registerCustomer", registerBody("east"));
                if (i >= 300) {
                    viaApp.add(result[1]);
                }
            }
            List<Double> direct = directPuts(1300, 300);
            Stats a = Stats.of(viaApp);
            Stats d = Stats.of(direct);
            line("| path | median | p99 |");
            line("|---|---|---|");
            line(String.format("| through the app | %.2f ms | %.2f ms |", a.median(), a.percentile(99)));
            line(String.format("| direct PUT | %.2f ms | %.2f ms |", d.median(), d.percentile(99)));
            line("");
            line(String.format("Added by the app at the median: **%.2f ms** (target: under 2 ms); at p99: %.2f ms.",
                    a.median() - d.median(), a.percentile(99) - d.percentile(99)));
            line("");
        }
    }

    private List<Double> directPuts(int count, int warmUp) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(emulatorTls()).build();
        String token = client.send(HttpRequest.newBuilder(URI.create(azure.identityEndpoint()
                + "?api-version=2019-08-01&resource=https://management.azure.com/"))
                .header("X-IDENTITY-HEADER", "bench-identity-header").build(), HttpResponse.BodyHandlers.ofString())
                .body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        URI put = URI.create(azure.armEndpoint() + RegistrationCatalog.parse(REGISTRATIONS).get(0)
                .customerSubscriptionId(SUBSCRIPTION).substring(1) + "?api-version=2017-06-01");
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            client.send(HttpRequest.newBuilder(put).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"properties\":{\"tenantId\":\"" + TENANT + "\"}}"))
                    .build(), HttpResponse.BodyHandlers.discarding());
            if (i >= warmUp) {
                times.add((System.nanoTime() - started) / 1e6);
            }
        }
        return times;
    }

    private SSLContext emulatorTls() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(OUT.resolve("truststore.p12"))) {
            store.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private void burst(LaunchMode mode) throws Exception {
        int calls = 500;
        Duration armLatency = Duration.ofMillis(20);
        line("## 4. A burst of " + calls + " concurrent `registerCustomer` calls");
        line("");
        line("All at once, each to all 3 registrations (" + 3 * calls + " ARM PUTs), with the emulated ARM taking "
                + armLatency.toMillis() + " ms per PUT.");
        line("");
        line("| run | wall time | throughput | errors | peak concurrent ARM requests (setting " + maxConcurrency + ") |");
        line("|---|---|---|---|---|");
        EmulatorState state = azure.state();
        try (AppProcess app = AppProcess.start(mode, environment, OUT.resolve("burst.log"))) {
            HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16)).build();
            for (int run = 1; run <= 3; run++) {
                state.reset();
                state.inject(Fault.delay("PUT", "customerSubscriptions", armLatency, -1));
                List<CompletableFuture<HttpResponse<Void>>> pending = new ArrayList<>();
                long started = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    String subscription = String.format("00000000-0000-4000-8000-%012d", i);
                    // A tenant each: a registration holds one subscription per tenant.
                    String tenant = String.format("00000000-0000-4000-9000-%012d", i);
                    pending.add(client.sendAsync(HttpRequest.newBuilder(URI.create(app.base() + "/registerCustomer"))
                            .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"customerSubscriptionId\":\"" + subscription
                                    + "\",\"tenantId\":\"" + tenant + "\"}"))
                            .build(), HttpResponse.BodyHandlers.discarding()));
                }
                long errors = 0;
                for (CompletableFuture<HttpResponse<Void>> response : pending) {
                    try {
                        errors += response.get(180, TimeUnit.SECONDS).statusCode() == 200 ? 0 : 1;
                    } catch (Exception e) {
                        errors++;
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                line(String.format("| %d | %.2f s | %.0f calls/s | %d | %d |", run, seconds, calls / seconds, errors,
                        state.peakConcurrentRequests()));
            }
            state.reset();
        }
        line("");
        line(String.format("The lower bound at that concurrency: %d PUTs × %d ms / %d = %.2f s.", 3 * calls,
                armLatency.toMillis(), maxConcurrency, 3.0 * calls * armLatency.toMillis() / maxConcurrency / 1000));
        line("");
    }

    private void driftAtScale(LaunchMode mode, List<Registration> registrations) throws Exception {
        int customers = 10_000;
        int pageSize = 1000;
        EmulatorState state = azure.state();
        state.reset();
        state.pageSize(pageSize);
        StringBuilder desired = new StringBuilder("{\"customers\": [");
        for (int i = 0; i < customers; i++) {
            Registration registration = registrations.get(i % registrations.size());
            String subscription = String.format("%08x-0000-4000-8000-%012d", i, i);
            String tenant = String.format("%08x-1111-4000-8000-%012d", i, i);
            state.seed(registration, subscription, tenant);
            desired.append(i == 0 ? "" : ",").append("{\"customerSubscriptionId\":\"").append(subscription)
                    .append("\",\"tenantId\":\"").append(tenant).append("\",\"registrations\":[\"")
                    .append(registration.alias()).append("\"]}");
        }
        Files.writeString(manifest, desired.append("]}"));
        line("## 5. Drift check at scale");
        line("");
        line(customers + " customers over " + registrations.size() + " registrations, " + pageSize
                + " per page, a manifest of the same " + customers + " (in sync), report mode.");
        line("");
        try (AppProcess app = AppProcess.start(mode, environment, OUT.resolve("drift.log"))) {
            List<Double> wall = new ArrayList<>();
            int armCalls = 0;
            for (int run = 0; run < runs; run++) {
                int before = state.requests().size();
                double[] result = app.call("POST", "checkDrift", null);
                if (result[0] != 200) {
                    throw new IllegalStateException("checkDrift answered " + (int) result[0]);
                }
                wall.add(result[1]);
                armCalls = state.requests().size() - before;
            }
            double peak = app.peakRssMiB();
            List<Double> bound = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                bound.add(directLists(registrations));
            }
            Stats w = Stats.of(wall);
            Stats b = Stats.of(bound);
            line("| | wall time | ARM calls |");
            line("|---|---|---|");
            line("| `checkDrift` through the app | " + w.describe(0, "ms") + " | " + armCalls + " |");
            line("| the same list calls made directly, registrations in parallel | " + b.describe(0, "ms") + " | "
                    + armCalls + " |");
            line("");
            line(String.format("The app takes %.2f× the lower bound; its peak resident set size was %.0f MiB.",
                    w.median() / b.median(), peak));
            line("");
        }
        state.reset();
    }

    /**
     * The walk of an emulated Partner Center at 2,000 and 10,000 customers, and at 10,000 within the default budget,
     * with Partner Center's latency, rate limit and budget all scaled down by {@code PARTNER_CENTER_TIME_SCALE}.
     */
    private void partnerCenterWalk(LaunchMode mode, List<Registration> registrations) throws Exception {
        Duration latency = PARTNER_CENTER_LATENCY.dividedBy(PARTNER_CENTER_TIME_SCALE);
        Duration window = Duration.ofMinutes(1).dividedBy(PARTNER_CENTER_TIME_SCALE);
        Duration defaultBudget = Duration.ofMinutes(4).dividedBy(PARTNER_CENTER_TIME_SCALE);
        line("## 6. Partner Center walk");
        line("");
        line("One `checkDrift` (report mode) of the app connected to the emulated Entra ID and Partner Center with a "
                + "client secret, no manifest: every page of customers (500 a page), each customer's subscriptions, "
                + "each active Azure plan's `azureEntitlements`. Each customer has one active Azure plan with one "
                + "Azure subscription, already registered on all " + registrations.size() + " registrations (so the "
                + "report is in sync and the walk is the work); every fourth also has an Office 365 subscription. "
                + "Partner Center is scaled down " + PARTNER_CENTER_TIME_SCALE + "× in time: "
                + PARTNER_CENTER_LATENCY.toMillis() + " ms per call becomes " + latency.toMillis() + " ms, its "
                + PARTNER_CENTER_RATE + " requests per minute (applied here to every call) become "
                + PARTNER_CENTER_RATE + " per " + window.toMillis() + " ms (a sliding window; a 429's Retry-After is "
                + "in whole seconds, at least 1, as Partner Center's), REGISTRAR_PARTNER_CENTER_MAX_CONCURRENCY="
                + PARTNER_CENTER_CONCURRENCY + " (the default). Lower bounds, for the calls answered 200: calls ÷ "
                + "allowed rate, and calls × latency ÷ concurrency; the walk's bound is the larger. Memory: the app's "
                + "resident set size after start, and its peak (VmHWM) over the walk, one fresh process per row.");
        line("");
        line("| customers | budget | answer | wall time | lower bound (rate; latency) | × bound | calls (of which 429) "
                + "| calls per customer | peak concurrent calls | RSS after start | peak RSS |");
        line("|---|---|---|---|---|---|---|---|---|---|---|");
        Duration ample = Duration.ofMinutes(10);
        walk(mode, registrations, 2_000, ample, latency, window);
        walk(mode, registrations, 10_000, ample, latency, window);
        String partial = walk(mode, registrations, 10_000, defaultBudget, latency, window);
        line("");
        line("The last row is the default REGISTRAR_PARTNER_CENTER_BUDGET (4 min) scaled the same way ("
                + seconds(defaultBudget) + "): " + partial);
        line("");
        line("### 6b. The 10,000-customer walk across runs, with state storage");
        line("");
        line("The same partner and scaling, the app with AzureWebJobsStorage (an Azurite started for it, behind a "
                + "loopback proxy that counts the storage calls), the default budget scaled (" + seconds(defaultBudget)
                + "): one `checkDrift` after the other until the walk completes a generation. Wall time: the runs' "
                + "answers added up. Lower bound: the calls answered 200 ÷ the allowed rate. Storage calls: every "
                + "blob and table request of all runs (lock, state, chunks), per customer.");
        line("");
        line("| customers | budget per run | runs | outcome | total time | lower bound (rate) | × bound "
                + "| Partner Center calls (429) | storage calls | storage calls per customer |");
        line("|---|---|---|---|---|---|---|---|---|---|");
        walkAcrossRuns(mode, registrations, 10_000, defaultBudget, latency, window);
        line("");
        azure.partnerCenter().reset();
        azure.state().reset();
    }

    /** One walk of {@code customers} by a fresh app; writes its row and answers what the app reported. */
    private String walk(LaunchMode mode, List<Registration> registrations, int customers, Duration budget,
            Duration latency, Duration window) throws Exception {
        PartnerCenterState partnerCenter = azure.partnerCenter();
        Map<String, String> connected = seedPartnerCenter(registrations, customers, budget, true);
        try (AppProcess app = AppProcess.start(mode, connected, OUT.resolve("partner-center-" + customers + ".log"))) {
            double rssAfterStart = app.rssMiB();
            partnerCenter.latency(latency);
            partnerCenter.rateLimit(PARTNER_CENTER_RATE, window);
            AppProcess.Answer answer = app.call("POST", "checkDrift", null, Duration.ofMinutes(15));
            double peakRss = app.peakRssMiB();
            JsonNode report = new ObjectMapper().readTree(answer.body());
            JsonNode read = report.path("partnerCenter");
            int calls = partnerCenter.requests().size();
            int throttled = partnerCenter.throttled();
            int answered = calls - throttled;
            double rateBound = (double) answered * window.toMillis() / PARTNER_CENTER_RATE;
            double latencyBound = (double) answered * latency.toMillis() / PARTNER_CENTER_CONCURRENCY;
            double bound = Math.max(rateBound, latencyBound);
            String outcome = read.path("complete").asBoolean() ? "complete"
                    : "incomplete, " + read.path("error").path("code").asText("?");
            line(String.format("| %,d | %s | %d, %s, %,d customers read | %.1f s | %.1f s (%.1f s; %.1f s) | %.2f× "
                    + "| %,d (%,d) | %.2f | %d | %.0f MiB | %.0f MiB |", customers, seconds(budget),
                    answer.status(), outcome,
                    read.path("customers").asInt(), answer.millis() / 1000, bound / 1000, rateBound / 1000,
                    latencyBound / 1000, answer.millis() / bound, calls, throttled,
                    (double) calls / Math.max(1, read.path("customers").asInt()),
                    partnerCenter.peakConcurrentRequests(), rssAfterStart, peakRss));
            return String.format("the app answered %d with `complete: %s`, `%s`, after reading %,d of the %,d "
                    + "customers (%,d Azure subscriptions); `missing` lists %,d and `unexpected` %,d (the registrations "
                    + "of the customers not read: listed, but a run whose read is incomplete never removes them).",
                    answer.status(), read.path("complete").asText(),
                    read.path("error").path("code").asText("-"), read.path("customers").asInt(), customers,
                    read.path("azureSubscriptions").asInt(), report.path("missing").size(),
                    report.path("unexpected").size());
        }
    }

    /**
     * {@code customers} customers in the emulated Partner Center, each already registered everywhere when
     * {@code registered}; answers the app's environment connected to it with {@code budget}.
     */
    private Map<String, String> seedPartnerCenter(List<Registration> registrations, int customers, Duration budget,
            boolean registered) {
        EmulatorState state = azure.state();
        PartnerCenterState partnerCenter = azure.partnerCenter();
        state.reset();
        state.pageSize(1000);
        partnerCenter.reset();
        for (int i = 0; i < customers; i++) {
            String tenant = String.format("%08x-2222-4000-8000-%012d", i, i);
            String plan = String.format("%08x-3333-4000-8000-%012d", i, i);
            String subscription = String.format("%08x-4444-4000-8000-%012d", i, i);
            partnerCenter.addCustomer(tenant, "Customer " + i)
                    .addSubscription(tenant, plan, PartnerCenterState.AZURE_PLAN_OFFER, "active")
                    .addAzureEntitlement(tenant, plan, subscription, "active");
            if (i % 4 == 0) {
                partnerCenter.addSubscription(tenant, String.format("%08x-5555-4000-8000-%012d", i, i),
                        PartnerCenterState.OFFICE_OFFER, "active");
            }
            for (Registration registration : registered ? registrations : List.<Registration>of()) {
                state.seed(registration, subscription, tenant);
            }
        }
        return partnerCenterConnected(budget);
    }

    /** The app's environment connected to the emulated Partner Center with {@code budget}, without a manifest. */
    private Map<String, String> partnerCenterConnected(Duration budget) {
        Map<String, String> connected = new HashMap<>(environment);
        connected.remove("REGISTRAR_DESIRED_STATE");
        connected.putAll(Map.of(
                "REGISTRAR_PARTNER_CENTER_CLIENT_ID", EmulatedAzure.PARTNER_CENTER_CLIENT_ID,
                "REGISTRAR_PARTNER_CENTER_TENANT_ID", EmulatedAzure.PARTNER_TENANT_ID,
                "REGISTRAR_PARTNER_CENTER_CREDENTIAL", "client-secret",
                "REGISTRAR_PARTNER_CENTER_CLIENT_SECRET", EmulatedAzure.PARTNER_CENTER_CLIENT_SECRET,
                "REGISTRAR_PARTNER_CENTER_ENDPOINT", azure.partnerCenterEndpoint(),
                "AZURE_AUTHORITY_HOST", azure.entraAuthorityHost(),
                "REGISTRAR_PARTNER_CENTER_BUDGET", budget.toString(),
                "REGISTRAR_PARTNER_CENTER_MAX_CONCURRENCY", Integer.toString(PARTNER_CENTER_CONCURRENCY)));
        return connected;
    }

    /**
     * The walk of {@code customers} across runs with state storage (Azurite, behind a counting proxy), each run
     * within {@code budget}: one app, one {@code checkDrift} after the other until a generation completes.
     */
    private void walkAcrossRuns(LaunchMode mode, List<Registration> registrations, int customers, Duration budget,
            Duration latency, Duration window) throws Exception {
        PartnerCenterState partnerCenter = azure.partnerCenter();
        Map<String, String> connected = seedPartnerCenter(registrations, customers, budget, true);
        Vertx vertx = Vertx.vertx();
        try (Azurite azurite = Azurite.start();
                StorageProxy blobs = StorageProxy.start(vertx, Service.BLOB, azurite::connectionString);
                StorageProxy tables = StorageProxy.start(vertx, Service.TABLE, azurite::connectionString)) {
            connected.put("AzureWebJobsStorage", blobs.through(tables.through(azurite.connectionString())));
            try (AppProcess app = AppProcess.start(mode, connected,
                    OUT.resolve("partner-center-runs-" + customers + ".log"))) {
                partnerCenter.latency(latency);
                partnerCenter.rateLimit(PARTNER_CENTER_RATE, window);
                double millis = 0;
                List<String> coverage = new ArrayList<>();
                JsonNode read = null;
                int runs = 0;
                while (runs < 60 && (read == null || !read.path("complete").asBoolean())) {
                    AppProcess.Answer answer = app.call("POST", "checkDrift", null, Duration.ofMinutes(15));
                    millis += answer.millis();
                    runs++;
                    read = new ObjectMapper().readTree(answer.body()).path("partnerCenter");
                    coverage.add(answer.status() + " " + read.path("coverage").asText("?"));
                }
                int calls = partnerCenter.requests().size();
                int answered = calls - partnerCenter.throttled();
                double rateBound = (double) answered * window.toMillis() / PARTNER_CENTER_RATE;
                int blobCalls = blobs.requests().size();
                int tableCalls = tables.requests().size();
                int storageCalls = blobCalls + tableCalls;
                line(String.format("| %,d | %s | %d | %s | %.1f s | %.1f s | %.2f× | %,d (%,d) | %,d (%,d blob, %,d "
                        + "table) | %.3f |", customers, seconds(budget), runs,
                        read.path("complete").asBoolean() ? "generation " + read.path("generation").asText()
                                + " complete" : "incomplete", millis / 1000, rateBound / 1000,
                        millis / rateBound, calls, partnerCenter.throttled(), storageCalls, blobCalls, tableCalls,
                        (double) storageCalls / customers));
                line("");
                line("Runs (status and `coverage` after each): " + String.join(", ", coverage) + ".");
            }
        } finally {
            vertx.close();
        }
    }

    /**
     * Enabling the app for a partner whose Azure customers are on no registration: timer runs in reconcile mode,
     * with the default deadline, against an ARM that throttles each subscription's writes as ARM does (a bucket of
     * 200, refilled at 10 a second, 429 with Retry-After when empty) and answers each write in 50 ms, until a
     * report is in sync.
     */
    private void onboarding(LaunchMode mode, List<Registration> registrations) throws Exception {
        int customers = 2_000;
        Duration writeLatency = Duration.ofMillis(50);
        EmulatorState.WriteThrottle throttle = EmulatorState.WriteThrottle.ARM;
        EmulatorState state = azure.state();
        Map<String, String> connected = seedPartnerCenter(registrations, customers, Duration.ofMinutes(4), false);
        connected.put("REGISTRAR_DRIFT_MODE", "reconcile");
        long subscriptions = registrations.stream().map(Registration::armSubscription).distinct().count();
        int writes = customers * registrations.size();
        // Each subscription's bucket gives its capacity at once, then its refill rate; they run side by side.
        double perSubscription = (double) writes / subscriptions;
        double rateBound = Math.max(0, perSubscription - throttle.capacity()) / throttle.refillPerSecond();
        double latencyBound = writes * writeLatency.toMillis() / 1000.0 / maxConcurrency;
        double bound = Math.max(rateBound, latencyBound);
        line("## 8. Onboarding");
        line("");
        line(String.format("%,d customers in the emulated Partner Center (one active Azure plan with one Azure "
                + "subscription each; Partner Center answers at once: its walk is section 6's subject), on %d empty "
                + "registrations in %d subscriptions: %,d missing entries. The emulated ARM throttles writes with a "
                + "token bucket per subscription (capacity %d, %.0f writes a second, 429 with Retry-After in whole "
                + "seconds when empty) and answers each write in %d ms. The packaged app in reconcile mode, the "
                + "default REGISTRAR_DRIFT_DEADLINE (8 min), REGISTRAR_ARM_MAX_CONCURRENCY=%d, no state storage; "
                + "the timer (`POST /driftCheck`) runs until the next report (`checkDrift`) is in sync. Lower bound: "
                + "%,d writes a subscription at the bucket's rate, (%,.0f − %d) / %.0f = %.1f s (the subscriptions "
                + "in parallel); the latency's, %,d × %d ms / %d = %.1f s, is smaller.", customers,
                registrations.size(), subscriptions, writes, throttle.capacity(), throttle.refillPerSecond(),
                writeLatency.toMillis(), maxConcurrency, (long) perSubscription, perSubscription, throttle.capacity(),
                throttle.refillPerSecond(), rateBound, writes, writeLatency.toMillis(), maxConcurrency,
                latencyBound));
        line("");
        try (AppProcess app = AppProcess.start(mode, connected, OUT.resolve("onboarding.log"))) {
            String timer;
            try (var envelope = Benchmarks.class.getResourceAsStream("/functions-custom-handler/timer-request.json")) {
                timer = new String(envelope.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            state.throttleWrites(throttle);
            state.writeLatency(writeLatency);
            List<String> answers = new ArrayList<>();
            double millis = 0;
            int timerRuns = 0;
            int registered = 0;
            int failed = 0;
            int skipped = 0;
            boolean inSync = false;
            while (!inSync && timerRuns < 10) {
                AppProcess.Answer run = app.call("POST", "driftCheck", timer, Duration.ofMinutes(15));
                millis += run.millis();
                timerRuns++;
                JsonNode actions = new ObjectMapper().readTree(run.body()).path("ReturnValue").path("actions");
                for (JsonNode action : actions) {
                    switch (action.path("status").asText()) {
                        case "registered", "accepted" -> registered++;
                        case "failed" -> failed++;
                        case "skipped" -> skipped++;
                        default -> { }
                    }
                }
                answers.add(String.valueOf(run.status()));
                inSync = new ObjectMapper().readTree(app.call("POST", "checkDrift", null, Duration.ofMinutes(15))
                        .body()).path("inSync").asBoolean();
            }
            int puts = (int) state.requests().stream().filter(r -> r.method().equals("PUT")).count();
            line("| timer runs | answers | wall time to in sync | lower bound | × bound | writes registered "
                    + "| failed | skipped | PUTs sent (429 answered) | peak concurrent ARM requests |");
            line("|---|---|---|---|---|---|---|---|---|---|");
            line(String.format("| %d | %s | %.1f s | %.1f s | %.2f× | %,d | %d | %d | %,d (%,d) | %d |", timerRuns,
                    String.join(", ", answers), millis / 1000, bound, millis / 1000 / bound, registered, failed,
                    skipped, puts, state.throttledWrites(), state.peakConcurrentRequests()));
            line("");
            line(inSync ? String.format("In sync after %d timer run%s (target: one run of the default deadline, "
                    + "within 1.2× the bound, none failed).", timerRuns, timerRuns == 1 ? "" : "s")
                    : "Not in sync after " + timerRuns + " timer runs.");
            line("");
        }
        state.reset();
        azure.partnerCenter().reset();
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    /** Lists every registration page by page, registrations at once, as the app does; answers the wall time in ms. */
    private double directLists(List<Registration> registrations) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(emulatorTls()).build();
        String token = client.send(HttpRequest.newBuilder(URI.create(azure.identityEndpoint()
                + "?api-version=2019-08-01&resource=https://management.azure.com/"))
                .header("X-IDENTITY-HEADER", "bench-identity-header").build(), HttpResponse.BodyHandlers.ofString())
                .body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        ExecutorService pool = Executors.newFixedThreadPool(registrations.size());
        long started = System.nanoTime();
        List<CompletableFuture<Void>> lists = new ArrayList<>();
        for (Registration registration : registrations) {
            lists.add(CompletableFuture.runAsync(() -> {
                String next = azure.armEndpoint() + registration.customerSubscriptionsCollection().substring(1)
                        + "?api-version=2017-06-01";
                try {
                    while (next != null) {
                        String page = client.send(HttpRequest.newBuilder(URI.create(next))
                                .header("Authorization", "Bearer " + token).build(),
                                HttpResponse.BodyHandlers.ofString()).body();
                        int at = page.indexOf("\"nextLink\":\"");
                        next = at < 0 ? null : page.substring(at + 12, page.indexOf('"', at + 12));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pool));
        }
        CompletableFuture.allOf(lists.toArray(CompletableFuture[]::new)).join();
        double millis = (System.nanoTime() - started) / 1e6;
        pool.shutdown();
        return millis;
    }

    /**
     * The change journal's cost per ARM write: sequential {@code registerCustomer} calls (one PUT each) by the
     * packaged app without a storage account, with Azurite, and with Azurite behind a proxy that holds every storage
     * request {@value #SLOW_STORAGE_MS} ms; the journal stores in the background, so the answers should not move.
     */
    private void journal(LaunchMode mode, Vertx vertx) throws Exception {
        line("## 7. Change journal");
        line("");
        line(String.format("1,000 sequential `registerCustomer` calls (one registration, so one ARM PUT and one journal "
                + "record each) after 300 of warm-up, by the packaged app without a storage account, with Azurite "
                + "(on this machine), and with Azurite behind a proxy that holds every storage request %d ms.",
                SLOW_STORAGE_MS));
        line("");
        try (Azurite azurite = Azurite.start();
                StorageProxy slow = StorageProxy.start(vertx, Service.TABLE, azurite::connectionString)) {
            slow.delay(Duration.ofMillis(SLOW_STORAGE_MS));
            Map<String, String> none = new HashMap<>(environment);
            Map<String, String> direct = new HashMap<>(environment);
            direct.put("AzureWebJobsStorage", azurite.connectionString());
            Map<String, String> delayed = new HashMap<>(environment);
            delayed.put("AzureWebJobsStorage", slow.through(azurite.connectionString()));
            line("| storage | median | p99 | journal after the calls (stored / queued / not stored) |");
            line("|---|---|---|---|");
            Stats without = journalRun(mode, "without a storage account", none);
            Stats with = journalRun(mode, "Azurite", direct);
            Stats slowed = journalRun(mode, "Azurite, " + SLOW_STORAGE_MS + " ms a request", delayed);
            line("");
            line(String.format("Added by the journal at the median: **%.2f ms** (target: under 5 ms); with storage "
                    + "slowed to %d ms a request: %.2f ms (target: nothing).", with.median() - without.median(),
                    SLOW_STORAGE_MS, slowed.median() - without.median()));
            line("");
        }
    }

    private static final int SLOW_STORAGE_MS = 200;

    /**
     * {@code GET /coverage} and the coverage page at 10,000 customers on the 3 registrations: 9,000 registered
     * everywhere, 1,000 missing everywhere (3,000 missing entries), 100 unexpected subscriptions; after one
     * {@code checkDrift} with state storage, the JSON warm, its size, and the page's header in headless Chromium.
     */
    private void coverage(LaunchMode mode, List<Registration> registrations) throws Exception {
        int registered = 9_000;
        int missing = 1_000;
        int unexpected = 100;
        line("## 10. Coverage");
        line("");
        line("`GET /coverage` and the coverage page (`GET /ui`) at " + String.format("%,d", registered + missing)
                + " Partner Center customers on " + registrations.size() + " registrations: " + String.format("%,d",
                        registered) + " registered everywhere, " + String.format("%,d", missing) + " missing "
                + "everywhere (" + String.format("%,d", missing * registrations.size()) + " missing entries), "
                + unexpected + " unexpected subscriptions; after one `checkDrift` (Partner Center without latency or "
                + "rate limit, Azurite as state storage). JSON: " + runs * 10 + " calls after 5 warm-up calls, "
                + "the body as the app sends it (no compression). Page: a fresh headless Chromium (Debian's, through "
                + "Selenium) opens `/ui?code=…` " + runs + " times; time from navigation start until the header shows "
                + "the figures (the page has fetched and rendered `/coverage`), read in the page "
                + "(`performance.now()`), polled every 5 ms.");
        line("");
        Map<String, String> connected = seedPartnerCenter(registrations, registered, Duration.ofMinutes(10), true);
        PartnerCenterState partnerCenter = azure.partnerCenter();
        for (int i = 0; i < missing; i++) {
            String tenant = String.format("%08x-6666-4000-8000-%012d", i, i);
            String plan = String.format("%08x-7777-4000-8000-%012d", i, i);
            partnerCenter.addCustomer(tenant, "Missing customer " + i)
                    .addSubscription(tenant, plan, PartnerCenterState.AZURE_PLAN_OFFER, "active")
                    .addAzureEntitlement(tenant, plan, String.format("%08x-8888-4000-8000-%012d", i, i), "active");
        }
        for (int i = 0; i < unexpected; i++) {
            azure.state().seed(registrations.get(i % registrations.size()),
                    String.format("%08x-9999-4000-8000-%012d", i, i), String.format("%08x-aaaa-4000-8000-%012d", i, i));
        }
        try (Azurite azurite = Azurite.start()) {
            connected.put("AzureWebJobsStorage", azurite.connectionString());
            try (AppProcess app = AppProcess.start(mode, connected, OUT.resolve("coverage.log"))) {
                AppProcess.Answer drift = app.call("POST", "checkDrift", null, Duration.ofMinutes(15));
                for (int i = 0; i < 5; i++) {
                    app.call("GET", "coverage", null, Duration.ofSeconds(30));
                }
                List<Double> times = new ArrayList<>();
                AppProcess.Answer answer = null;
                for (int i = 0; i < runs * 10; i++) {
                    answer = app.call("GET", "coverage", null, Duration.ofSeconds(30));
                    times.add(answer.millis());
                }
                JsonNode total = new ObjectMapper().readTree(answer.body()).path("total");
                List<Double> header = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    try (HeadlessChromium chromium = HeadlessChromium.start(1400, 1000)) {
                        header.add(chromium.headerMillis(app.base() + "/ui?code=bench"));
                    }
                }
                Stats json = Stats.of(times);
                Stats page = Stats.of(header);
                line("| | figure | target |");
                line("|---|---|---|");
                line("| `checkDrift` before (status, time) | " + drift.status() + ", " + seconds(Duration.ofMillis(
                        (long) drift.millis())) + " | |");
                line("| `GET /coverage`, warm | " + json.describe(1, "ms") + ", p99 "
                        + String.format("%.1f ms", json.percentile(99)) + " | under 200 ms |");
                line(String.format("| its body | %,.0f KiB (%,d missing, %,d registered, %,d unexpected) | |",
                        answer.body().length() / 1024.0, total.path("missing").asInt(),
                        total.path("registered").asInt(), total.path("unexpected").asInt()));
                line("| the page's header in headless Chromium | " + page.describe(0, "ms") + " | under 1 s |");
                line("");
            }
        }
        azure.partnerCenter().reset();
        azure.state().reset();
    }

    private Stats journalRun(LaunchMode mode, String name, Map<String, String> settings) throws Exception {
        try (AppProcess app = AppProcess.start(mode, settings, OUT.resolve("journal.log"))) {
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < 1300; i++) {
                double[] result = app.call("POST", "registerCustomer", registerBody("east"));
                if (i >= 300) {
                    times.add(result[1]);
                }
            }
            JsonNode checks = new ObjectMapper().readTree(app.call("GET", "q/health/ready", null,
                    Duration.ofSeconds(10)).body()).path("checks");
            JsonNode journal = null;
            for (JsonNode check : checks) {
                if (check.path("name").asText().equals("state-storage")) {
                    journal = check.path("data");
                }
            }
            String figures = journal == null || !journal.path("configured").asBoolean() ? "off"
                    : journal.path("journalStored").asLong() + " / " + journal.path("journalPending").asLong() + " / "
                            + journal.path("journalNotStored").asLong();
            Stats stats = Stats.of(times);
            line(String.format("| %s | %.2f ms | %.2f ms | %s |", name, stats.median(), stats.percentile(99), figures));
            return stats;
        }
    }

    private static String registerBody(String registration) {
        return "{\"customerSubscriptionId\":\"" + SUBSCRIPTION + "\",\"tenantId\":\"" + TENANT
                + "\",\"registrations\":[\"" + registration + "\"]}";
    }

    private void line(String text) {
        report.append(text).append('\n');
    }
}
