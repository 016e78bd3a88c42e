package com.tenantregistrar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The packaged app holds only what runs in production: none of the emulator's classes (they are test sources, and
 * no bean was generated from them) and no BouncyCastle (a test dependency), in any jar of the JVM package
 * ({@code target/quarkus-app}, as {@code java -jar} runs it), of the function-app folder the zip is made of, or of
 * what the native build hands to native-image.
 */
class ProductionContentsIT {

    private static final List<Path> PACKAGES = List.of(Path.of("target", "quarkus-app"), PackagedApp.FOLDER,
            Path.of("target", "native-sources"), Path.of("target", "tenant-registrar-native-image-source-jar"));

    private static final List<String> TEST_ONLY = List.of("com/tenantregistrar/emulator/", "org/bouncycastle/");

    /** Every entry of every jar in the packages that were built, prefixed with the jar it is in. */
    private static List<String> packagedEntries() throws IOException {
        List<String> entries = new ArrayList<>();
        for (Path root : PACKAGES) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> jars;
            try (Stream<Path> files = Files.walk(root)) {
                jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).toList();
            }
            for (Path jar : jars) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    file.stream().forEach(entry -> entries.add(jar + "!" + entry.getName()));
                }
            }
        }
        return entries;
    }

    @Test
    void noJarOfThePackageHoldsTheEmulatorOrBouncyCastle() throws IOException {
        List<String> entries = packagedEntries();
        assertTrue(entries.stream().anyMatch(e -> e.endsWith("!com/tenantregistrar/RegistrarApplication.class")),
                "the scan reached the app's own classes");
        assertTrue(entries.stream().anyMatch(e -> e.endsWith("!com/tenantregistrar/outbound/OutboundHttpOptions_Bean.class")),
                "the scan reached the beans Quarkus generated");
        List<String> testOnly = entries.stream()
                .filter(e -> TEST_ONLY.stream().anyMatch(prefix -> e.substring(e.indexOf('!') + 1).startsWith(prefix)))
                .toList();
        assertEquals(List.of(), testOnly, "dev and test classes in the production package");
    }
}
