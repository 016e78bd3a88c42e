package com.tenantregistrar.partnercenter;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import com.tenantregistrar.emulator.EmulatorState;
import com.tenantregistrar.emulator.PartnerCenterState;

/** Base of the tests that read the emulated Partner Center through the app's {@link PartnerCenterDirectory}. */
abstract class PartnerCenterTestSupport {

    static final String AZURE_PLAN = PartnerCenterState.AZURE_PLAN_OFFER;
    static final String LEGACY_AZURE = PartnerCenterState.LEGACY_AZURE_OFFER;
    static final String OFFICE = PartnerCenterState.OFFICE_OFFER;

    @Inject
    PartnerCenterState partnerCenter;

    @Inject
    EmulatorState azure;

    @Inject
    PartnerCenterDirectory directory;

    @BeforeEach
    void resetEmulator() {
        azure.reset();
        partnerCenter.reset();
    }

    PartnerCenterSnapshot walk() {
        return directory.walk().block(Duration.ofSeconds(60));
    }

    /** A GUID that says what it is for: {@code guid(0xA1)} is {@code 000000a1-0000-4000-8000-000000000000}. */
    static String guid(int n) {
        return String.format("%08x-0000-4000-8000-000000000000", n);
    }
}
