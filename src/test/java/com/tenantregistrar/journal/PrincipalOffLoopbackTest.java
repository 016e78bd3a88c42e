package com.tenantregistrar.journal;

import static com.tenantregistrar.journal.Journal.await;
import static com.tenantregistrar.journal.Journal.uniqueGuid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * An app that listens beyond loopback can be reached past App Service Authentication, so even with
 * WEBSITE_AUTH_ENABLED its principal headers are ignored: the caller is the function key.
 */
@QuarkusTest
@TestProfile(PrincipalOffLoopbackTest.OnEveryAddress.class)
class PrincipalOffLoopbackTest extends EmulatedArmTest {

    public static class OnEveryAddress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("WEBSITE_AUTH_ENABLED", "true", "quarkus.http.host", "0.0.0.0");
        }
    }

    @Test
    void principalHeadersAreIgnored() {
        String subscription = uniqueGuid();
        json(registerBody(subscription, TENANT, "east")).header("X-MS-CLIENT-PRINCIPAL-NAME", "admin@contoso.com")
                .header("X-MS-CLIENT-PRINCIPAL-ID", uniqueGuid()).post("/registerCustomer").then().statusCode(200);

        assertEquals("functionKey", await("customerSubscriptionId=" + subscription, c -> c.size() == 1).get(0)
                .get("caller"));
    }
}
