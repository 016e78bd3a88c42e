package com.tenantregistrar.webhook;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * REGISTRAR_WEBHOOK_CERT_URL_PREFIXES written carelessly, as a host without port or path and as a folder without
 * its trailing slash: as string prefixes they would let the app fetch from any path of the emulated store; parsed,
 * they admit only the folder {@code /cert} of the store's host and port.
 */
@QuarkusTest
@TestProfile(CertificateUrlPrefixesTest.CarelessPrefixes.class)
class CertificateUrlPrefixesTest extends WebhookTestSupport {

    public static class CarelessPrefixes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("registrar.webhook.cert-url-prefixes",
                    "https://localhost,https://LOCALHOST:${registrar.emulator.arm-port}/cert");
        }
    }

    private static final String TEST_CREATED = event("synthetic-test-vector/body.json");

    @ParameterizedTest
    @ValueSource(strings = { "certificates", "other" })
    void aCertificateOutsideTheFolderOrOnAnotherPortIsNeverFetched(String folder) {
        String url = publish(folder, KIT.signer.der());
        signed(TEST_CREATED, KIT.signer, url).post("/partnerCenterWebhook").then().statusCode(401)
                .body("error.code", equalTo("InvalidSignature"));
        assertEquals(List.of(), arm.blobRequests());
    }

    @ParameterizedTest
    @ValueSource(strings = { "localhost", "LocalHost" })
    void aCertificateInTheFolderIsFetchedAndVerified(String host) {
        String url = publish(KIT.signer).replace("localhost", host);
        signed(TEST_CREATED, KIT.signer, url).post("/partnerCenterWebhook").then().statusCode(200)
                .body("status", equalTo("acknowledged"));
        assertEquals(1, arm.blobRequests().size());
    }
}
