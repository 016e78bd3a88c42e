package com.tenantregistrar.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Build step of {@code mvn verify -Pnative-check} (not a test): GraalVM's Native Image builder, from Maven Central, run
 * on a stock JDK 25 on the native sources Quarkus generated (target/native-sources), through the analysis and the
 * compilation to the object file ({@code -H:+ExitAfterRelocatableImageWrite}): the link needs Substrate VM's C
 * libraries and the JDK's static ones, which no registry has. Fails on any error the builder reports. Its reports
 * (what the analysis found reachable) are in target/native-check/image/reports, which {@link NativeImageIT} reads.
 * Arguments: the JDK 25 (absent: says so and checks nothing), the builder's heap, GraalVM's version.
 */
public final class NativeImageCheck {

    static final Path WORK = Path.of("target", "native-check").toAbsolutePath();
    static final Path IMAGE = WORK.resolve("image");
    static final Path REPORTS = IMAGE.resolve("reports");
    private static final Path SOURCES = Path.of("target", "native-sources").toAbsolutePath();
    private static final String BUILDER_MODULE = "org.graalvm.nativeimage.builder";

    private NativeImageCheck() {
    }

    public static void main(String[] args) throws Exception {
        Path jdk = Path.of(args[0]).toAbsolutePath();
        if (!Files.isExecutable(jdk.resolve("bin/java"))) {
            System.out.println("[native-check] No JDK 25 at " + jdk + " (-Dnative-check.jdk): GraalVM's native analysis "
                    + "of the app is not run, only its native sources are checked.");
            return;
        }
        Path home = graalHome(jdk);
        Path include = home.resolve("lib/svm/clibraries/linux-amd64/include");
        Path exports = WORK.resolve("exports.args");
        nativePieces(home, include, exports);
        Path temp = WORK.resolve("tmp");
        RuntimeImage.deleteRecursively(IMAGE);
        RuntimeImage.deleteRecursively(temp);
        Files.createDirectories(IMAGE);
        Files.createDirectories(temp);
        String version = args[2];
        List<String> command = command(home.resolve("bin/java"), args[1], version, exports, include.getParent(), temp);
        Files.writeString(WORK.resolve("builder.args"), String.join("\n", command));
        long started = System.nanoTime();
        Path log = WORK.resolve("builder.log");
        int exit = runLogged(command, log);
        System.out.printf("[native-check] GraalVM %s builder: exit %d in %.0f s (log: %s)%n", version, exit,
                (System.nanoTime() - started) / 1e9, log);
        if (exit != 0) {
            throw new IllegalStateException("GraalVM's builder failed on the app (exit " + exit + "): see " + log);
        }
        try (Stream<Path> files = Files.walk(temp)) {
            Path object = files.filter(p -> p.toString().endsWith(".o")).findFirst().orElseThrow(
                    () -> new IllegalStateException("GraalVM's builder wrote no object file: see " + log));
            System.out.printf("[native-check] object file: %s, %d MB%n", object, Files.size(object) >> 20);
        }
        // The call tree (about 300 MB) says why each method is reachable; NativeImageIT reads the used_* lists only.
        // To learn why something is in the image, run the builder again (builder.args, one argument a line, in
        // target/native-check/image) and keep it.
        try (Stream<Path> reports = Files.list(REPORTS)) {
            for (Path tree : reports.filter(p -> p.getFileName().toString().startsWith("call_tree_")).toList()) {
                Files.delete(tree);
            }
        }
    }

    /**
     * What a GraalVM distribution has and a stock JDK lacks, made for the builder's JDK: the --add-exports list and
     * the C headers (both computed on that JDK 25, which reads the builder's class files), and the JNI helper.
     */
    private static void nativePieces(Path home, Path include, Path exports) throws Exception {
        String java = home.resolve("bin/java").toString();
        List<String> builderJars = jars(home.resolve("lib/svm/builder"));
        String testClasses = Path.of(JdkExports.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        RuntimeImage.run(concat(List.of(java, "-cp", testClasses, JdkExports.class.getName(), exports.toString()),
                builderJars));
        RuntimeImage.run(concat(List.of(java, "-cp", testClasses, SvmHeaders.class.getName(), include.toString()),
                builderJars));
        RuntimeImage.run(List.of("gcc", "-O2", "-shared", "-fPIC", "-I", home.resolve("include").toString(),
                "-I", home.resolve("include/linux").toString(),
                "-o", home.resolve("lib/svm/builder/lib/libreporterchelper.so").toString(),
                Path.of("src", "native-check", "reporterchelper.c").toString()));
    }

    /**
     * A GraalVM-shaped home for the builder: the JDK's files hard-linked (copied across file systems), since the
     * builder finds its helper library under its own java.home; the builder jars (resolved by the build into
     * target/native-check/jars) in lib/svm/builder, and the C headers' directory, empty for {@link SvmHeaders}.
     */
    private static Path graalHome(Path jdk) throws IOException {
        Path home = WORK.resolve("home");
        RuntimeImage.deleteRecursively(home);
        try (Stream<Path> files = Files.walk(jdk)) {
            for (Path file : files.toList()) {
                Path copy = home.resolve(jdk.relativize(file).toString());
                if (Files.isSymbolicLink(file)) {
                    Files.createSymbolicLink(copy, Files.readSymbolicLink(file));
                } else if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    link(file, copy);
                }
            }
        }
        Path builder = Files.createDirectories(home.resolve("lib/svm/builder/lib")).getParent();
        for (String jar : jars(WORK.resolve("jars"))) {
            link(Path.of(jar), builder.resolve(Path.of(jar).getFileName()));
        }
        Files.createDirectories(home.resolve("lib/svm/clibraries/linux-amd64/include"));
        return home;
    }

    private static void link(Path file, Path copy) throws IOException {
        try {
            Files.createLink(copy, file);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private static List<String> jars(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".jar")).map(Path::toString).sorted().toList();
        }
    }

    /** The builder's command line: what the driver would run for Quarkus' native-image.args. */
    private static List<String> command(Path java, String heap, String version, Path exports, Path cLibraries,
            Path temp) throws IOException {
        NativeImageArguments.Translated quarkus = NativeImageArguments.ofArgsFile(
                Files.readString(SOURCES.resolve("native-image.args")));
        Path jar = SOURCES.resolve(quarkus.jar());
        List<String> classpath = new ArrayList<>(List.of(jar.toString()));
        String mainClass;
        try (JarFile runner = new JarFile(jar.toFile())) {
            Attributes manifest = runner.getManifest().getMainAttributes();
            mainClass = manifest.getValue(Attributes.Name.MAIN_CLASS);
            Arrays.stream(manifest.getValue(Attributes.Name.CLASS_PATH).strip().split("\\s+"))
                    .map(entry -> jar.resolveSibling(entry).toString()).forEach(classpath::add);
        }
        List<String> jvm = new ArrayList<>(quarkus.jvm());
        List<String> libraries = new ArrayList<>();
        for (String entry : classpath) {
            try (JarFile library = new JarFile(entry)) {
                libraries.addAll(NativeImageArguments.fromJar(entry, library.stream().map(e -> e.getName()).toList(),
                        quarkus.excludedConfigs(), name -> text(library, name), jvm));
            }
        }
        List<String> command = new ArrayList<>(List.of(java.toString(),
                "-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "-XX:-UseJVMCICompiler",
                "-Xmx" + heap, "-Xss10m", "-Dfile.encoding=UTF-8", "-Djava.awt.headless=true",
                "-Djdk.internal.lambda.disableEagerInitialization=true", "-Dcom.oracle.graalvm.isaot=true",
                "-Dorg.graalvm.nativeimage.imagecode=buildtime", "-Dorg.graalvm.version=" + version,
                // The driver names the distribution; Quarkus' build-time code reads it (GraalVM.Version.getCurrent).
                "-Dorg.graalvm.vendorversion=GraalVM CE " + version,
                "-Djava.system.class.loader=com.oracle.svm.hosted.NativeImageSystemClassLoader",
                "--enable-native-access=" + BUILDER_MODULE, "@" + exports, "--add-modules=ALL-SYSTEM",
                "--upgrade-module-path", String.join(":", jars(WORK.resolve("jvmci"))),
                "--module-path", java.getParent().getParent().resolve("lib/svm/builder").toString()));
        command.addAll(jvm);
        command.addAll(List.of("-m", BUILDER_MODULE + "/com.oracle.svm.hosted.NativeImageGeneratorRunner",
                "-imagecp", String.join(":", classpath),
                "-H:Path=" + IMAGE, "-H:Name=" + quarkus.imageName(), "-H:Class=" + mainClass,
                "-H:ImageBuildID=" + UUID.randomUUID(), "-H:CLibraryPath=" + cLibraries,
                "-H:TempDirectory=" + temp,
                // Substrate VM's container support is a C library of a GraalVM distribution (libsvm_container),
                // which Maven Central does not have either.
                "-H:-UseContainerSupport"));
        // The libraries' declarations first, then the app's own (Quarkus'): the app's choice wins where both set one.
        command.addAll(libraries);
        command.addAll(quarkus.builder());
        command.addAll(List.of("-H:+UnlockExperimentalVMOptions",
                // Stop after the object file: the link is what cannot be done here.
                "-H:+ExitAfterRelocatableImageWrite",
                // reports/used_classes_*, used_methods_*: what the analysis found reachable, for NativeImageIT.
                "-H:+PrintAnalysisCallTree",
                "-H:-UnlockExperimentalVMOptions"));
        return command;
    }

    private static String text(JarFile jar, String entry) throws IOException {
        try (InputStream in = jar.getInputStream(jar.getEntry(entry))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> concat(List<String> first, List<String> then) {
        List<String> all = new ArrayList<>(first);
        all.addAll(then);
        return all;
    }

    /**
     * Runs the builder, its output both on the console and in the log, in the image's directory, where it writes its
     * build-output statistics.
     */
    private static int runLogged(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(IMAGE.toFile()).redirectErrorStream(true).start();
        try (InputStream in = process.getInputStream(); OutputStream file = Files.newOutputStream(log)) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                System.out.write(buffer, 0, n);
                System.out.flush();
                file.write(buffer, 0, n);
            }
        }
        return process.waitFor();
    }
}
