package com.tenantregistrar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tenantregistrar.arm.CustomerSubscriptionsClient;
import com.tenantregistrar.functions.ChangeFunctions;
import com.tenantregistrar.functions.CustomerFunctions;
import com.tenantregistrar.functions.DriftFunctions;
import com.tenantregistrar.journal.ChangeJournal;
import com.tenantregistrar.partnercenter.PartnerCenterClient;
import com.tenantregistrar.storage.StateStorage;
import com.tenantregistrar.webhook.PartnerCenterWebhookRoute;
import com.tenantregistrar.webhook.WebhookVerifier;

import io.quarkus.funqy.Funq;

/**
 * What GraalVM's analysis of the app (it.NativeImageCheck, {@code mvn verify -Pnative-check}) found reachable, from
 * the builder's reports: what the functions need is in the image, and nothing of the emulator is. Runs only in that
 * build, and only where its JDK 25 is (the check is not run without it).
 */
class NativeImageIT {

    private static Set<String> classes;
    private static Set<String> methods;

    @BeforeAll
    static void readReports() throws IOException {
        Path jdk = Path.of(System.getProperty("native-check.jdk", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        assumeTrue(Files.isExecutable(jdk.resolve("bin/java")), "no JDK 25 at " + jdk + ": the native check did not run");
        classes = report("used_classes_").stream().map(NativeImageIT::withoutLoader).collect(Collectors.toSet());
        methods = report("used_methods_").stream()
                // "loader:pkg.Type.method(parameters):returned": the method without its signature, so overloads are one
                .map(line -> withoutLoader(line.substring(0, line.indexOf('(')))).collect(Collectors.toSet());
    }

    /** A report's line names the class loader first ("app:", "com.oracle.svm.hosted.NativeImageClassLoader:"). */
    private static String withoutLoader(String line) {
        return line.substring(line.indexOf(':') + 1);
    }

    private static Set<String> report(String prefix) throws IOException {
        try (Stream<Path> reports = Files.list(NativeImageCheck.REPORTS)) {
            List<Path> found = reports.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertEquals(1, found.size(), "one " + prefix + "*.txt in " + NativeImageCheck.REPORTS + ": " + found);
            return Files.readAllLines(found.get(0)).stream().map(String::strip).filter(line -> !line.isEmpty())
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void everyFunctionIsAnEntryPointOfTheImage() throws Exception {
        // Every class of the functions package, so that a function added later is checked too.
        // Failsafe puts the packaged jar on the class path, surefire the classes folder: read the package from either.
        Path location = Path.of(CustomerFunctions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String packageFolder = CustomerFunctions.class.getPackageName().replace('.', '/');
        List<Class<?>> functionClasses = new ArrayList<>();
        try (FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location);
                Stream<Path> files = Files.list(jar == null ? location.resolve(packageFolder)
                        : jar.getPath(packageFolder))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString();
                functionClasses.add(Class.forName(CustomerFunctions.class.getPackageName() + "."
                        + name.substring(0, name.length() - ".class".length()), false,
                        NativeImageIT.class.getClassLoader()));
            }
        }
        List<String> functions = functionClasses.stream().flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
                .filter(method -> method.isAnnotationPresent(Funq.class))
                .map(method -> method.getDeclaringClass().getName() + "." + method.getName()).sorted().toList();
        assertTrue(functions.containsAll(List.of(CustomerFunctions.class.getName() + ".registerCustomer",
                DriftFunctions.class.getName() + ".driftCheck", ChangeFunctions.class.getName() + ".listChanges")),
                functions.toString());
        for (String function : functions) {
            assertTrue(methods.contains(function), function + " is reachable in the image");
        }
    }

    @Test
    void theClientsTheFunctionsCallAreInTheImage() throws NoSuchMethodException {
        // the webhook's RSA-SHA256 signature check, package-private
        assertTrue(classes.contains("com.tenantregistrar.webhook.RsaSha256"), "RsaSha256 is in the image");
        for (Class<?> type : List.of(CustomerSubscriptionsClient.class, PartnerCenterClient.class, StateStorage.class,
                ChangeJournal.class, PartnerCenterWebhookRoute.class, WebhookVerifier.class,
                // the Azure Storage SDK's clients, which StateStorage builds
                com.azure.data.tables.TableClient.class, com.azure.storage.blob.BlobContainerClient.class)) {
            assertTrue(classes.contains(type.getName()), type.getName() + " is in the image");
        }
        Method verify = WebhookVerifier.class.getMethod("verify", java.util.function.Function.class, byte[].class);
        assertTrue(methods.contains(WebhookVerifier.class.getName() + "." + verify.getName()),
                "the webhook's signature verification is reachable");
    }

    @Test
    void noEmulatorClassIsInTheImage() {
        List<String> emulator = classes.stream().filter(name -> name.startsWith("com.tenantregistrar.emulator."))
                .sorted().toList();
        assertTrue(emulator.isEmpty(), "emulator classes in the image: " + emulator);
        assertFalse(classes.isEmpty(), "the analysis found classes");
    }
}
