package com.tenantregistrar.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Azurite, the Azure Storage emulator, run from the npm package pinned in {@code src/test/azurite} (installed by the
 * build into {@code target/azurite} with the machine's npm, see {@link #main}), on free loopback ports, keeping its
 * data in a folder of its own so that it can be stopped and started again on the same ports with nothing lost.
 * Started and stopped by its process, never assumed to be running. Plain, it serves HTTP and takes the account's
 * key (a connection string); {@linkplain #startWithOAuth with OAuth}, it serves HTTPS with the emulator's certificate
 * and takes bearer tokens too, checking their issuer, audience and lifetime (not their signature: {@code --oauth
 * basic}), as a managed identity reaches a storage account.
 */
public final class Azurite implements AutoCloseable {

    /** The well-known key of Azurite's development account, devstoreaccount1 (public, in Azurite's documentation). */
    private static final String ACCOUNT = "devstoreaccount1";
    private static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final Path SOURCE = Path.of("src", "test", "azurite");
    private static final Path HOME = Path.of("target", "azurite");
    private static final Pattern LISTENING = Pattern.compile(
            "Azurite (Blob|Queue|Table) service is successfully listening at https?://127\\.0\\.0\\.1:(\\d+)");
    private static final long START_SECONDS = 60;

    private final Path data;
    private final boolean oauth;
    private int blobPort;
    private int queuePort;
    private int tablePort;
    private Process process;
    private final List<String> output = new ArrayList<>();

    private Azurite(Path data, boolean oauth) {
        this.data = data;
        this.oauth = oauth;
    }

    /**
     * Installs Azurite into {@code target/azurite} unless the installed lock file is the committed one; the build
     * runs this (exec:java, process-test-classes), so a missing Node.js is reported before any test.
     *
     * @param args the project's folder, when not the working directory
     */
    public static void main(String... args) throws IOException, InterruptedException {
        install(args.length > 0 ? Path.of(args[0]) : Path.of(""));
    }

    /** Starts Azurite on free ports with its data in a new folder under target/azurite/data. */
    public static Azurite start() throws IOException, InterruptedException {
        return start(null);
    }

    /**
     * Starts Azurite with OAuth on free ports, serving HTTPS for {@code localhost} with {@code certificate}, whose
     * PEM files it copies into its data folder ({@link #certificateFolder()}).
     */
    public static Azurite startWithOAuth(EmulatorCertificate certificate) throws IOException, InterruptedException {
        return start(certificate);
    }

    private static Azurite start(EmulatorCertificate certificate) throws IOException, InterruptedException {
        install(Path.of(""));
        Files.createDirectories(HOME.resolve("data"));
        Azurite azurite = new Azurite(Files.createTempDirectory(HOME.resolve("data"), "run-").toAbsolutePath(),
                certificate != null);
        if (certificate != null) {
            Files.copy(Path.of(certificate.certificatePath()),
                    azurite.data.resolve(EmulatorCertificate.CERTIFICATE_FILE));
            Files.copy(Path.of(certificate.keyPath()), azurite.data.resolve(EmulatorCertificate.KEY_FILE));
        }
        azurite.launch();
        return azurite;
    }

    /** The connection string of the development account, as AzureWebJobsStorage holds it. */
    public String connectionString() {
        return "DefaultEndpointsProtocol=" + (oauth ? "https" : "http") + ";AccountName=" + ACCOUNT
                + ";AccountKey=" + KEY + ";BlobEndpoint=" + endpoint(blobPort) + ";QueueEndpoint="
                + endpoint(queuePort) + ";TableEndpoint=" + endpoint(tablePort) + ";";
    }

    /** The development account's Blob endpoint, as AzureWebJobsStorage__blobServiceUri holds it. */
    public String blobServiceUri() {
        return endpoint(blobPort);
    }

    /** The development account's Queue endpoint, as AzureWebJobsStorage__queueServiceUri holds it. */
    public String queueServiceUri() {
        return endpoint(queuePort);
    }

    /** The development account's Table endpoint, as AzureWebJobsStorage__tableServiceUri holds it. */
    public String tableServiceUri() {
        return endpoint(tablePort);
    }

    /** With OAuth, the folder that holds the PEM files of the certificate it serves ({@link EmulatorCertificate#in}). */
    public Path certificateFolder() {
        return data;
    }

    /** With OAuth by the name its certificate is for; plain, by its address. */
    private String endpoint(int port) {
        return (oauth ? "https://localhost:" : "http://127.0.0.1:") + port + "/" + ACCOUNT;
    }

    /** Whether Azurite is running now. */
    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /** Stops Azurite (SIGTERM to its process, then waits for it); its data stay for {@link #restart}. */
    public synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    /**
     * Waits until Azurite has written a blob named {@code name} to its metadata on disk: it saves that every few
     * seconds, and what it has not saved does not survive {@link #stop()}.
     */
    public void awaitSaved(String name) throws IOException, InterruptedException {
        awaitOnDisk("__azurite_db_blob__.json", "\"name\":\"" + name + "\"", "the blob " + name);
    }

    /**
     * Waits until Azurite's disk no longer holds the blob {@code name}: it saves its database every so often, so a
     * blob deleted just before a stop would otherwise come back at the restart.
     */
    public void awaitDeleted(String name) throws IOException, InterruptedException {
        Path saved = data.resolve("__azurite_db_blob__.json");
        for (int i = 0; i < 600; i++) {
            if (!Files.exists(saved) || !Files.readString(saved).contains("\"name\":\"" + name + "\"")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IOException("Azurite did not save the deletion of the blob " + name + " within 30 s");
    }

    /** Waits until Azurite has written a table entity holding {@code text} (a property's value) to its disk. */
    public void awaitSavedEntity(String text) throws IOException, InterruptedException {
        awaitOnDisk("__azurite_db_table__.json", text, "an entity holding " + text);
    }

    private void awaitOnDisk(String file, String text, String what) throws IOException, InterruptedException {
        Path saved = data.resolve(file);
        for (int i = 0; i < 600; i++) {
            if (Files.exists(saved) && Files.readString(saved).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IOException("Azurite did not save " + what + " within 30 s");
    }

    /** Starts Azurite again on the same ports with the same data. */
    public synchronized void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    /** Stops Azurite for good and deletes its data folder, so that runs leave no folder behind. */
    @Override
    public void close() throws InterruptedException {
        stop();
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Left for `mvn clean`: a folder under target/ that nothing reads again.
        }
    }

    private synchronized void launch() throws IOException, InterruptedException {
        Path bin = HOME.resolve(Path.of("node_modules", ".bin", "azurite")).toAbsolutePath();
        List<String> command = new ArrayList<>(Arrays.asList(bin.toString(), "--silent", "--disableTelemetry",
                // The SDK sends a newer x-ms-version than Azurite 3.35 knows (the newest that still runs on Node 20).
                "--skipApiVersionCheck", "--loose", "--location", data.toString(),
                "--blobHost", "127.0.0.1", "--blobPort", Integer.toString(blobPort),
                "--queueHost", "127.0.0.1", "--queuePort", Integer.toString(queuePort),
                "--tableHost", "127.0.0.1", "--tablePort", Integer.toString(tablePort)));
        if (oauth) {
            command.addAll(List.of("--oauth", "basic",
                    "--cert", data.resolve(EmulatorCertificate.CERTIFICATE_FILE).toString(),
                    "--key", data.resolve(EmulatorCertificate.KEY_FILE).toString()));
        }
        Process started = new ProcessBuilder(command).redirectErrorStream(true).start();
        CountDownLatch listening = new CountDownLatch(3);
        Thread reader = new Thread(() -> read(started, listening), "azurite-output");
        reader.setDaemon(true);
        reader.start();
        // A test JVM that ends without closing it must not leave Azurite behind.
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
        if (!listening.await(START_SECONDS, TimeUnit.SECONDS) || !started.isAlive()) {
            started.destroyForcibly();
            throw new IOException("Azurite did not start within " + START_SECONDS + " s: " + output());
        }
        process = started;
    }

    private void read(Process started, CountDownLatch listening) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (output) {
                    if (output.size() < 200) {
                        output.add(line);
                    }
                }
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    int port = Integer.parseInt(m.group(2));
                    switch (m.group(1)) {
                        case "Blob" -> blobPort = port;
                        case "Queue" -> queuePort = port;
                        default -> tablePort = port;
                    }
                    listening.countDown();
                }
            }
        } catch (IOException ended) {
            // The process ended; its exit is seen by whoever waits on it.
        }
    }

    private String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    private static synchronized void install(Path project) throws IOException, InterruptedException {
        Path home = project.resolve(HOME);
        Path lock = project.resolve(SOURCE).resolve("package-lock.json");
        Path installed = home.resolve("installed-package-lock.json");
        if (Files.isRegularFile(installed) && Files.isExecutable(home.resolve(Path.of("node_modules", ".bin", "azurite")))
                && Arrays.equals(Files.readAllBytes(installed), Files.readAllBytes(lock))) {
            return;
        }
        Files.createDirectories(home);
        Files.copy(project.resolve(SOURCE).resolve("package.json"), home.resolve("package.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(lock, home.resolve("package-lock.json"), StandardCopyOption.REPLACE_EXISTING);
        Path log = home.resolve("npm-ci.log");
        Process npm;
        try {
            npm = new ProcessBuilder("npm", "ci", "--prefer-offline", "--no-audit", "--no-fund").directory(home.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException notFound) {
            throw new IOException("Azurite, the Azure Storage emulator that the tests and mvn -Plocal start, is an npm "
                    + "package: install Node.js 20 or later with npm (for example: apt-get install nodejs npm), so "
                    + "that 'npm' is on the PATH, and run the build again (" + notFound.getMessage() + ")");
        }
        if (npm.waitFor() != 0) {
            throw new IOException("npm ci of src/test/azurite failed (exit " + npm.exitValue() + "), see " + log
                    + ":\n" + Files.readString(log));
        }
        Files.copy(lock, installed, StandardCopyOption.REPLACE_EXISTING);
    }
}
