package com.tenantregistrar.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * What {@code mvn verify -Dnative -Dquarkus.native.sources-only=true} hands to native-image holds what the app
 * needs: TLS for ARM, the resources it reads, reflection for what Jackson writes outside Funqy, the Azure SDK's
 * dynamic proxy, and no emulator. Runs only in that build (the native-sources profile).
 */
class NativeSourcesIT {

    private static final Path SOURCES = Path.of("target", "native-sources");

    private static String entry(JarFile jar, String name) throws IOException {
        try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theNativeImageArgumentsEnableHttpsAndNameTheExecutable() throws IOException {
        List<String> args = List.of(Files.readString(SOURCES.resolve("native-image.args")).split("\\s+"));
        assertTrue(args.contains("--enable-url-protocols=http,https"), "TLS (quarkus.ssl.native): " + args);
        assertTrue(args.contains("tenant-registrar-runner"), "the executable the package renames: " + args);
        assertTrue(args.contains("--no-fallback"), args.toString());
    }

    @Test
    void theRunnerRegistersResourcesAndReflectionAndCarriesNoEmulator() throws IOException {
        try (JarFile runner = new JarFile(SOURCES.resolve("tenant-registrar-runner.jar").toFile())) {
            String resources = entry(runner, "META-INF/native-image/resource-config.json");
            assertTrue(resources.contains("swagger\\\\.json"), resources);
            String reflection = entry(runner, "META-INF/native-image/reflect-config.json");
            for (String type : List.of("com.tenantregistrar.webhook.WebhookAnswer", "com.tenantregistrar.error.ErrorBody",
                    "com.tenantregistrar.functions.RegisterCustomerRequest", "com.tenantregistrar.functions.TimerInvocation",
                    "com.tenantregistrar.functions.InvocationResponse", "com.tenantregistrar.drift.DriftReport$Action",
                    "com.tenantregistrar.registration.CustomerRegistrationService$Outcome",
                    // config.Settings walks the mapping's interfaces at start-up
                    "com.tenantregistrar.config.RegistrarConfig", "com.tenantregistrar.config.RegistrarConfig$Arm",
                    "com.tenantregistrar.config.RegistrarConfig$Retry")) {
                assertTrue(reflection.contains("\"" + type + "\""), type + " is registered for reflection");
            }
            assertTrue(runner.stream().noneMatch(e -> e.getName().startsWith("com/tenantregistrar/emulator/")),
                    "no emulator class (test sources) in a production build");
            assertTrue(runner.getEntry("com/tenantregistrar/webhook/JvmSignerTrustAnchors_Bean.class") != null,
                    "signing certificates chain to the JVM's trust store");
        }
    }

    @Test
    void theAzureSdkDeclaresTheDynamicProxyOfTheGenericResourcesClient() throws IOException {
        try (JarFile jar = new JarFile(libJar("com.azure.resourcemanager.azure-resourcemanager-resources").toFile())) {
            String proxies = entry(jar,
                    "META-INF/native-image/com.azure.resourcemanager/azure-resourcemanager-resources/proxy-config.json");
            assertTrue(proxies.contains("ResourcesClientImpl$ResourcesService"), proxies);
        }
        try (Stream<Path> lib = Files.walk(SOURCES.resolve("lib"))) {
            assertFalse(lib.anyMatch(p -> p.getFileName().toString().contains("azure-core-http-netty")),
                    "azure-core talks through Vert.x, not a second Netty stack");
        }
        try (Stream<Path> lib = Files.walk(SOURCES.resolve("lib"))) {
            assertFalse(lib.anyMatch(p -> p.getFileName().toString().contains("bouncycastle")),
                    "BouncyCastle is a test dependency");
        }
    }

    /**
     * The Blob client declares its own dynamic proxies and reflection; the Table client (12.5) ships none, so the app
     * declares them: RestProxy's service interfaces, and its models and header types, which azure-core builds by
     * reflection. Every class named must exist in the packaged Table jar, so an SDK update that renames one fails here.
     */
    @Test
    void theStorageClientsDynamicProxiesAndModelsAreDeclared() throws IOException {
        String prefix = "META-INF/native-image/com.tenantregistrar/tenant-registrar/";
        List<String> named;
        try (JarFile runner = new JarFile(SOURCES.resolve("tenant-registrar-runner.jar").toFile())) {
            String proxies = entry(runner, prefix + "proxy-config.json");
            for (String service : List.of("TablesImpl$TablesService", "ServicesImpl$ServicesService")) {
                assertTrue(proxies.contains("com.azure.data.tables.implementation." + service), proxies);
            }
            String reflection = entry(runner, prefix + "reflect-config.json");
            assertTrue(reflection.contains("\"com.azure.data.tables.implementation.models.TableServiceError\""), reflection);
            named = Pattern.compile("\"(com\\.azure\\.[^\"]+)\"").matcher(proxies + reflection).results()
                    .map(match -> match.group(1)).toList();
        }
        try (JarFile tables = new JarFile(libJar("com.azure.azure-data-tables").toFile())) {
            for (String type : named) {
                assertTrue(tables.getEntry(type.replace('.', '/') + ".class") != null, type + " is in " + tables.getName());
            }
        }
        try (JarFile blobs = new JarFile(libJar("com.azure.azure-storage-blob").toFile())) {
            assertTrue(entry(blobs, "META-INF/native-image/com.azure/azure-storage-blob/proxy-config.json")
                    .contains("BlobsImpl$BlobsService"));
        }
    }

    private static Path libJar(String prefix) throws IOException {
        try (Stream<Path> lib = Files.walk(SOURCES.resolve("lib"))) {
            return lib.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
    }
}
