package com.tenantregistrar.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which nextLinks the list follows: ARM's own origin however it is spelt, and nothing else, since the pipeline
 * attaches the bearer token to any URL. (The HTTP test of the same rule is in ArmCallsTest; the default port cannot
 * be served by the emulator.)
 */
class SameOriginTest {

    @ParameterizedTest
    @CsvSource({
            "https://management.azure.com/, https://management.azure.com/subscriptions/x?$skipToken=1, true",
            "https://management.azure.com/, https://management.azure.com:443/subscriptions/x, true",
            "https://management.azure.com:443/, https://management.azure.com/subscriptions/x, true",
            "https://management.azure.com/, HTTPS://Management.Azure.COM/subscriptions/x, true",
            "https://management.azure.com/, https://management.azure.com:8443/subscriptions/x, false",
            "https://management.azure.com/, http://management.azure.com/subscriptions/x, false",
            "https://management.azure.com/, https://management.azure.com.attacker.example/x, false",
            "https://management.azure.com/, /subscriptions/x, false",
            "https://localhost:18443/, https://localhost:18443/subscriptions/x, true" })
    void nextLinksAreComparedAfterNormalising(String endpoint, String nextLink, boolean same) {
        assertEquals(same, CustomerSubscriptionsClient.sameOrigin(URI.create(endpoint), nextLink));
    }
}
