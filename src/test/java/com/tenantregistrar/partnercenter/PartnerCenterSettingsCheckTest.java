package com.tenantregistrar.partnercenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.tenantregistrar.config.RegistrarConfig;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** A half-configured Partner Center connection stops start-up with a line that names the missing setting. */
class PartnerCenterSettingsCheckTest {

    private static final String CLIENT = "1b8f2c4e-7a3d-4e5f-9c0b-2d6e8f1a3b5c";
    private static final String TENANT = "8c2a4e6b-1d3f-4a5c-9e7b-0f2d4c6a8e1b";

    private static List<String> problems(String... keyValues) {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put("registrar.partner-center." + keyValues[i], keyValues[i + 1]);
        }
        // Quarkus' converter reads durations as the app does ("4m", not only ISO-8601).
        RegistrarConfig config = new SmallRyeConfigBuilder().withMapping(RegistrarConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build()
                .getConfigMapping(RegistrarConfig.class);
        return PartnerCenterSettingsCheck.problems(config);
    }

    @Test
    void unsetIsOffAndFine() {
        assertEquals(List.of(), problems());
    }

    @Test
    void aCompleteConnectionIsFine() {
        assertEquals(List.of(), problems("client-id", CLIENT, "tenant-id", TENANT));
        assertEquals(List.of(), problems("client-id", CLIENT, "tenant-id", TENANT, "credential", "client-secret",
                "client-secret", "s3cr3t"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "client-id | " + CLIENT + " | tenant-id | ''       | REGISTRAR_PARTNER_CENTER_TENANT_ID is missing",
            "tenant-id | " + TENANT + " | credential | managed-identity | REGISTRAR_PARTNER_CENTER_CLIENT_ID is missing: REGISTRAR_PARTNER_CENTER_TENANT_ID is set",
            "client-secret | s3cr3t | credential | client-secret | REGISTRAR_PARTNER_CENTER_CLIENT_ID is missing: REGISTRAR_PARTNER_CENTER_CLIENT_SECRET is set",
            "client-id | not-a-guid | tenant-id | " + TENANT + " | REGISTRAR_PARTNER_CENTER_CLIENT_ID is invalid: 'not-a-guid' is not a GUID" })
    void aHalfConfiguredConnectionNamesTheMissingSetting(String key1, String value1, String key2, String value2,
            String expected) {
        List<String> problems = problems(key1, value1, key2, value2);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(expected), problems.get(0));
    }

    @Test
    void theClientSecretCredentialNeedsTheSecret() {
        List<String> problems = problems("client-id", CLIENT, "tenant-id", TENANT, "credential", "client-secret");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("REGISTRAR_PARTNER_CENTER_CLIENT_SECRET is missing"), problems.get(0));
    }
}
