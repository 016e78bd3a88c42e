package com.tenantregistrar.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Behind the Functions host, which calls the app on 127.0.0.1 and sets WEBSITE_HOSTNAME: swagger.json names the
 * app's host name, not the loopback address, unless a proxy says which host the caller reached.
 */
@QuarkusTest
@TestProfile(SwaggerHostTest.BehindTheFunctionsHost.class)
class SwaggerHostTest {

    static final String HOST_NAME = "registrar-demo.azurewebsites.net";

    /** WEBSITE_HOSTNAME as the Functions host sets it. */
    public static class BehindTheFunctionsHost implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("WEBSITE_HOSTNAME", HOST_NAME);
        }
    }

    @Test
    void theHostIsTheAppsHostNameUnlessAProxySaysOtherwise() {
        given().get("/swagger.json").then().statusCode(200).body("host", equalTo(HOST_NAME));
        given().header("X-Forwarded-Host", "connector.contoso.com").get("/swagger.json").then().statusCode(200)
                .body("host", equalTo("connector.contoso.com"));
    }
}
