package com.tenantregistrar.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.config.RegistrarConfig;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** REGISTRAR_WEBHOOK_AUTO_REGISTER=true without the Partner Center connection stops start-up naming the settings. */
class AutoRegisterNeedsPartnerCenterTest {

    private static Optional<String> problem(String... keyValues) {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put(keyValues[i], keyValues[i + 1]);
        }
        // Quarkus' converter reads durations as the app does ("10s", not only ISO-8601).
        RegistrarConfig config = new SmallRyeConfigBuilder().withMapping(RegistrarConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build()
                .getConfigMapping(RegistrarConfig.class);
        return PartnerCenterEventHandler.autoRegisterProblem(config);
    }

    @Test
    void autoRegisterWithoutTheConnectionNamesTheMissingSettings() {
        String problem = problem("registrar.webhook.auto-register", "true").orElseThrow();
        assertTrue(problem.startsWith("REGISTRAR_WEBHOOK_AUTO_REGISTER=true needs the Partner Center connection"),
                problem);
        assertTrue(problem.contains("REGISTRAR_PARTNER_CENTER_CLIENT_ID")
                && problem.contains("REGISTRAR_PARTNER_CENTER_TENANT_ID"), problem);
    }

    @Test
    void autoRegisterWithTheConnectionOrOffIsFine() {
        assertEquals(Optional.empty(), problem("registrar.webhook.auto-register", "true",
                "registrar.partner-center.client-id", "1b8f2c4e-7a3d-4e5f-9c0b-2d6e8f1a3b5c",
                "registrar.partner-center.tenant-id", "8c2a4e6b-1d3f-4a5c-9e7b-0f2d4c6a8e1b"));
        assertEquals(Optional.empty(), problem());
    }
}
