package com.tenantregistrar.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Build step of {@code mvn package} (not a test): the Java runtime the function-app folder carries
 * (target/function-app/runtime), made by the packaging JDK's {@code jlink} with the modules {@code jdeps} finds in the
 * packaged jars, plus those no class names. The packaging JDK is {@code -Dregistrar.runtime.jdk}, else the newest
 * Temurin 25 installed beside the default JDK, else the JDK running the build.
 */
public final class RuntimeImage {

    /**
     * Modules the app needs that jdeps cannot see, because they are found at run time by name or as a service
     * provider, each with why.
     */
    private static final Map<String, String> UNSEEN_MODULES = Map.of(
            "jdk.crypto.ec", "the SunEC provider on JDK 17 (ECDHE key exchange and ECDSA certificates in ARM's TLS), "
                    + "found through java.security's provider list",
            "jdk.zipfs", "the zip file-system provider, found through ServiceLoader when a library opens a jar as a "
                    + "file system",
            "jdk.naming.dns", "JNDI's dns: context, looked up by name by Netty's resolver for the host's DNS servers",
            "jdk.charsets", "charsets beyond java.base's (a header or body in another encoding), a CharsetProvider",
            "jdk.unsupported", "sun.misc.Unsafe, which Netty and others reach by reflection");
    private static final Path TEMURIN = Path.of("/usr/lib/jvm");

    private RuntimeImage() {
    }

    public static void main(String[] args) throws Exception {
        Path jdk = packagingJdk(args.length > 0 ? args[0] : "");
        Path output = PackagedApp.FOLDER.resolve("runtime");
        long started = System.nanoTime();
        TreeSet<String> modules = new TreeSet<>(seenModules(jdk, PackagedApp.FOLDER.resolve("quarkus-app")));
        modules.addAll(UNSEEN_MODULES.keySet());
        deleteRecursively(output);
        int feature = Runtime.Version.parse(release(jdk)).feature();
        run(List.of(jdk.resolve("bin/jlink").toString(), "--add-modules", String.join(",", modules),
                "--strip-debug", "--no-man-pages", "--no-header-files", feature >= 21 ? "--compress=zip-6" : "--compress=2",
                // The JDK's own classes in a CDS archive, below the app's archive (JDK 17's dynamic one needs it).
                "--generate-cds-archive", "--output", output.toString()));
        System.out.printf("[runtime] %s: jlink of %s (%s), %d modules, in %.0f s%n", PackagedApp.FOLDER.relativize(output),
                jdk, release(jdk), modules.size(), (System.nanoTime() - started) / 1e9);
    }

    /** The packaging JDK: the one named, else the newest Temurin 25 beside the default JDK, else this one. */
    static Path packagingJdk(String named) throws IOException {
        if (!named.isBlank()) {
            return Path.of(named).toAbsolutePath();
        }
        if (Files.isDirectory(TEMURIN)) {
            try (Stream<Path> jdks = Files.list(TEMURIN)) {
                var temurin = jdks.filter(p -> p.getFileName().toString().startsWith("temurin-25"))
                        .filter(p -> Files.isExecutable(p.resolve("bin/jlink"))).max(Comparator.naturalOrder());
                if (temurin.isPresent()) {
                    return temurin.get();
                }
            }
        }
        Path building = Path.of(System.getProperty("java.home"));
        System.out.println("[runtime] No Temurin 25 in " + TEMURIN + " (nor -Dregistrar.runtime.jdk): the package "
                + "carries the building JDK " + System.getProperty("java.runtime.version")
                + " and a dynamic AppCDS archive instead of JDK 25's AOT cache, which starts slower.");
        return building;
    }

    /** The JDK's version, from its release file. */
    static String release(Path jdk) throws IOException {
        return Files.readAllLines(jdk.resolve("release"), StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("JAVA_VERSION=")).findFirst()
                .map(line -> line.substring(line.indexOf('=') + 1).replace("\"", "")).orElseThrow();
    }

    /**
     * The JDK modules the packaged classes name, by jdeps. The classes are copied out of their jars first: some jars
     * are modules that require others not shipped (optional at run time), which jdeps would refuse to resolve.
     */
    private static List<String> seenModules(Path jdk, Path app) throws IOException, InterruptedException {
        Path classes = Files.createTempDirectory(Path.of("target"), "jdeps-");
        try {
            try (Stream<Path> files = Files.walk(app)) {
                for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).toList()) {
                    copyClasses(jar, classes);
                }
            }
            String modules = run(List.of(jdk.resolve("bin/jdeps").toString(), "--ignore-missing-deps",
                    "--print-module-deps", "-q", classes.toString())).strip();
            return List.of(modules.split(","));
        } finally {
            deleteRecursively(classes);
        }
    }

    private static void copyClasses(Path jar, Path classes) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                String name = entry.getName();
                if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")) {
                    Path target = classes.resolve(name);
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    /** Runs a JDK tool; its output, or an exception with it. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    static void deleteRecursively(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
