package com.tenantregistrar.drift;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Partner Center on, as the emulated Entra and Partner Center serve it, with the timer reconciling. */
public class WithPartnerCenter implements QuarkusTestProfile {

    /** The settings that connect the app to the emulated Partner Center. */
    public static Map<String, String> connection() {
        return Map.of("registrar.partner-center.client-id", "${registrar.emulator.partner-center-client-id}",
                "registrar.partner-center.tenant-id", "${registrar.emulator.partner-tenant-id}",
                "registrar.partner-center.credential", "client-secret",
                "registrar.partner-center.client-secret", "${registrar.emulator.partner-center-client-secret}",
                "registrar.partner-center.endpoint", "https://localhost:${registrar.emulator.partner-center-port}/",
                "registrar.partner-center.authority-host", "https://localhost:${registrar.emulator.entra-port}/");
    }

    /** These settings with {@code more} besides (or instead, for the same names). */
    public static Map<String, String> and(Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(new WithPartnerCenter().getConfigOverrides());
        settings.putAll(more);
        return settings;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> settings = new HashMap<>(connection());
        // A budget that would let removals through: what holds them below is the incomplete read.
        settings.put("registrar.drift.mode", "reconcile");
        settings.put("registrar.drift.max-removals", "10");
        return settings;
    }
}
