package com.tenantregistrar.drift;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.config.RegistrarConfig;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.WithDefault;

/**
 * By default a drift run ends before the Functions host cuts it off: the deadline, plus one write still under way
 * (REGISTRAR_ARM_TIMEOUT), stays under host.json's functionTimeout.
 */
class DriftDeadlineDefaultTest {

    private static Duration defaultOf(Class<?> settings, String name) throws NoSuchMethodException {
        return DurationConverter.parseDuration(settings.getMethod(name).getAnnotation(WithDefault.class).value());
    }

    @Test
    void theDefaultDeadlineAndOneArmCallFitUnderTheFunctionTimeout() throws Exception {
        Duration functionTimeout = functionTimeout();
        Duration deadline = defaultOf(RegistrarConfig.Drift.class, "deadline");
        Duration armTimeout = defaultOf(RegistrarConfig.Arm.class, "timeout");
        assertTrue(deadline.plus(armTimeout).compareTo(functionTimeout) < 0,
                deadline + " + " + armTimeout + " must stay under functionTimeout " + functionTimeout);
    }

    @Test
    void aWalkOfPartnerCenterThatUsesItsWholeBudgetLeavesTimeToWrite() throws Exception {
        Duration budget = defaultOf(RegistrarConfig.PartnerCenter.class, "budget");
        Duration deadline = defaultOf(RegistrarConfig.Drift.class, "deadline");
        assertTrue(budget.compareTo(deadline.dividedBy(2)) <= 0, budget + " must leave time before " + deadline);
    }

    private static Duration functionTimeout() throws IOException {
        String value = new ObjectMapper().readTree(Path.of("host.json").toFile()).path("functionTimeout").asText();
        return Duration.ofNanos(LocalTime.parse(value).toNanoOfDay());
    }
}
