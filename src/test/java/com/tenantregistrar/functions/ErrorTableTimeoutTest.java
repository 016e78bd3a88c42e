package com.tenantregistrar.functions;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.emulator.Fault;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The error table's row for an ARM that does not answer in time, with ARM's response timeout at 1 s (the other tests
 * wait longer, so that a slow machine adds no retry to the calls they count).
 */
@QuarkusTest
@TestProfile(ErrorTableTimeoutTest.OneSecond.class)
class ErrorTableTimeoutTest extends EmulatedArmTest {

    public static class OneSecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("registrar.arm.response-timeout", "1s");
        }
    }

    @Test
    void anArmThatDoesNotAnswerInTimeIs504() {
        arm.inject(Fault.delay("PUT", SUBSCRIPTION, Duration.ofSeconds(3), -1));
        json(registerBody(SUBSCRIPTION, TENANT, "east")).post("/registerCustomer").then()
                .contentType("application/json").statusCode(504).body("error.code", equalTo("UpstreamTimeout"));
        assertEquals(4, armCalls("PUT").size(), "the first try and 3 retries");
    }
}
