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
        Path resources;
        try (Stream<Path> lib = Files.walk(SOURCES.resolve("lib"))) {
            resources = lib.filter(p -> p.getFileName().toString().startsWith("com.azure.resourcemanager.azure-resourcemanager-resources"))
                    .findFirst().orElseThrow();
        }
        try (JarFile jar = new JarFile(resources.toFile())) {
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
}
