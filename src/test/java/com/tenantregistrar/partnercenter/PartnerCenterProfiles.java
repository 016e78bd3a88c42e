package com.tenantregistrar.partnercenter;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Test profiles that turn Partner Center on, against the emulated Entra and Partner Center. */
final class PartnerCenterProfiles {

    private PartnerCenterProfiles() {
    }

    private static Map<String, String> connection(String... more) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "registrar.partner-center.client-id", "${registrar.emulator.partner-center-client-id}",
                "registrar.partner-center.tenant-id", "${registrar.emulator.partner-tenant-id}",
                "registrar.partner-center.endpoint", "https://localhost:${registrar.emulator.partner-center-port}/",
                "registrar.partner-center.authority-host", "https://localhost:${registrar.emulator.entra-port}/",
                "registrar.partner-center.max-concurrency", "2"));
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return settings;
    }

    /** The default credential: the managed identity's token as the registered app's client assertion. */
    public static class Federated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return connection();
        }
    }

    /** The registered app's client secret. */
    public static class ClientSecret implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return connection("registrar.partner-center.credential", "client-secret",
                    "registrar.partner-center.client-secret", "${registrar.emulator.partner-center-client-secret}");
        }
    }

    /** A budget a slow Partner Center outlasts. */
    public static class TightBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return connection("registrar.partner-center.budget", "1s");
        }
    }
}
