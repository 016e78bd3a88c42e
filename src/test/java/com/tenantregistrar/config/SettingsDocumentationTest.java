package com.tenantregistrar.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.docs.Documentation;

import io.smallrye.config.ConfigMappings;

/**
 * The settings the app reads (derived from {@link RegistrarConfig} by {@link Settings}) are the settings the
 * documentation (README.md and docs/, the tables of docs/configuration.md and docs/partner-center.md) documents and local.settings.json.example shows: a setting added, renamed or removed in one place and not the
 * others fails here.
 */
class SettingsDocumentationTest {

    private static final Set<String> READ_BY_THE_HOST = Settings.READ_BY_THE_HOST;
    /** Documented variables that are not the app's settings. */
    private static final Set<String> PLATFORM = Set.of(
            "FUNCTIONS_CUSTOMHANDLER_PORT",         // quarkus.http.port, set by the Functions host
            "IDENTITY_ENDPOINT", "IDENTITY_HEADER"); // read by azure-identity, set by App Service

    /** A variable in the documentation: upper case, or the Functions host's name of its storage connection. */
    private static final Pattern DOCUMENTED =
            Pattern.compile("`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|AzureWebJobsStorage(?:__[A-Za-z]+)?)`");

    private static Set<String> mapped() {
        return Settings.all().stream().map(Settings.Setting::variable).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> registrar(Set<String> names) {
        return names.stream().filter(n -> n.startsWith("REGISTRAR_")).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theDocumentationDocumentsExactlyTheSettingsTheAppReads() throws IOException {
        Set<String> documented = new TreeSet<>();
        Matcher m = DOCUMENTED.matcher(Documentation.text());
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> expected = new TreeSet<>(registrar(mapped()));
        expected.addAll(READ_BY_THE_HOST);
        assertEquals(expected, registrar(documented), "REGISTRAR_* settings: the mapping vs the documentation");
        for (String setting : mapped()) {
            assertTrue(documented.contains(setting), setting + " is read by the app but not documented");
        }
        PLATFORM.forEach(setting -> assertTrue(documented.contains(setting), setting + " is documented"));
    }

    @Test
    void theExampleSettingsShowExactlyTheSettingsTheAppReads() throws IOException {
        Set<String> example = new TreeSet<>();
        new ObjectMapper().readTree(Path.of("local.settings.json.example").toFile()).path("Values").fieldNames()
                .forEachRemaining(example::add);
        Set<String> expected = new TreeSet<>(registrar(mapped()));
        expected.addAll(READ_BY_THE_HOST);
        assertEquals(expected, registrar(example), "REGISTRAR_* settings: the mapping vs local.settings.json.example");
    }

    @Test
    void theExampleSettingsLeavePartnerCenterOff() throws IOException {
        // Whoever copies the example must not connect to Partner Center with made-up IDs: an empty value is unset.
        var values = new ObjectMapper().readTree(Path.of("local.settings.json.example").toFile()).path("Values");
        assertEquals("", values.path("REGISTRAR_PARTNER_CENTER_CLIENT_ID").asText());
        assertEquals("", values.path("REGISTRAR_PARTNER_CENTER_TENANT_ID").asText());
    }

    @Test
    void theSettingsAreThePropertiesSmallRyeMaps() {
        Set<String> mapped = ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(RegistrarConfig.class))
                .keySet().stream().filter(name -> !name.endsWith("[*]")).collect(Collectors.toCollection(TreeSet::new));
        Set<String> walked = Settings.all().stream().map(Settings.Setting::property)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(mapped, walked);
    }

    @Test
    void eachSettingIsNamedAsUsersWriteIt() {
        assertTrue(mapped().contains("REGISTRAR_ARM_MAX_CONCURRENCY"), mapped().toString());
        assertTrue(mapped().contains("REGISTRAR_DESIRED_STATE"), mapped().toString());
        assertTrue(mapped().contains("AZURE_CLIENT_ID"), mapped().toString());
        assertTrue(mapped().contains("AzureWebJobsStorage__accountName"), mapped().toString());
        assertTrue(mapped().stream().allMatch(n -> n.matches("[A-Z0-9_]+|AzureWebJobsStorage(__[A-Za-z]+)?")
                && !n.endsWith("_")), mapped().toString());
    }
}
