package com.tenantregistrar.journal;

import static com.tenantregistrar.drift.DesiredStateFile.customer;
import static com.tenantregistrar.drift.DesiredStateFile.manifest;
import static com.tenantregistrar.journal.Journal.await;
import static com.tenantregistrar.journal.Journal.uniqueGuid;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.LogCapture;
import com.tenantregistrar.drift.DesiredStateFile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * With App Service Authentication on (WEBSITE_AUTH_ENABLED, as App Service sets it), an HTTP function's records and
 * write log lines name the principal of its headers, cleaned and cut; without a principal the caller is the function
 * key, and the timer's runs stay {@code timer} whatever headers reach them.
 */
@QuarkusTest
@TestProfile(PrincipalCallerTest.AppServiceAuthentication.class)
class PrincipalCallerTest extends EmulatedArmTest {

    public static class AppServiceAuthentication implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("WEBSITE_AUTH_ENABLED", "True", "registrar.drift.mode", "reconcile");
        }
    }

    private static final String NAME = "siobhan.o'brien@contoso.com";
    private static final String ID = "5b1a2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    private static final String PRINCIPAL = NAME + " (" + ID + ")";

    @RegisterExtension
    final LogCapture log = new LogCapture();

    private static RequestSpecification signedIn(RequestSpecification request, String name, String id) {
        return request.header("X-MS-CLIENT-PRINCIPAL-NAME", name).header("X-MS-CLIENT-PRINCIPAL-ID", id)
                .header("X-MS-CLIENT-PRINCIPAL-IDP", "aad");
    }

    @Test
    void thePrincipalIsTheCallerOfEachRecordFoundByItAndOfTheWriteLogLine() {
        String subscription = uniqueGuid();
        signedIn(json(registerBody(subscription, TENANT)), NAME, ID).post("/registerCustomer").then().statusCode(200);

        // Its apostrophe must be quoted in the table filter, or the query fails.
        List<Map<String, Object>> changes = await("customerSubscriptionId=" + subscription + "&caller=" + PRINCIPAL,
                c -> c.size() == 2);
        changes.forEach(change -> assertEquals(List.of("function", PRINCIPAL),
                List.of(change.get("trigger"), change.get("caller"))));
        List<LogCapture.Line> writes = log.lines().stream().filter(line -> line.message().startsWith("ARM PUT"))
                .toList();
        assertEquals(2, writes.size(), writes.toString());
        writes.forEach(line -> assertTrue(line.message().contains("trigger=function caller=" + PRINCIPAL + " "),
                line.message()));
    }

    @Test
    void aRemovalMadeOnceItsReadIsAnsweredCarriesThePrincipalToo() {
        String subscription = uniqueGuid();
        arm.seed(east(), subscription, TENANT);
        // The DELETE is sent from the context the GET's answer arrives on, not the request's.
        signedIn(json(removeBody(subscription, "east")), NAME, ID).post("/removeCustomer").then().statusCode(200);

        Map<String, Object> removal = await("customerSubscriptionId=" + subscription, c -> c.size() == 1).get(0);
        assertEquals(List.of("removed", PRINCIPAL), List.of(removal.get("outcome"), removal.get("caller")));
    }

    @Test
    void aPrincipalsControlCharactersAreDroppedAndItsNameAndIdAreCut() {
        String subscription = uniqueGuid();
        String name = "mallory\tadmin" + "m".repeat(300);
        signedIn(json(registerBody(subscription, TENANT, "east")), name, "  " + "9".repeat(100))
                .post("/registerCustomer").then().statusCode(200);

        String caller = (String) await("customerSubscriptionId=" + subscription, c -> c.size() == 1).get(0)
                .get("caller");
        assertEquals("malloryadmin" + "m".repeat(116) + " (" + "9".repeat(64) + ")", caller);
    }

    @Test
    void withoutAPrincipalTheCallerIsTheFunctionKey() {
        String subscription = uniqueGuid();
        json(registerBody(subscription, TENANT, "east")).post("/registerCustomer").then().statusCode(200);

        assertEquals("functionKey", await("customerSubscriptionId=" + subscription, c -> c.size() == 1).get(0)
                .get("caller"));
    }

    @Test
    void aFixThatACheckDriftObservesCarriesItsPrincipal() {
        String subscription = uniqueGuid();
        DesiredStateFile.write(manifest(customer(subscription, TENANT, "east")));
        signedIn(given(), NAME, ID).post("/checkDrift").then().statusCode(200);
        arm.seed(east(), subscription, TENANT); // registered by hand

        signedIn(given(), NAME, ID).post("/checkDrift").then().statusCode(200);
        Map<String, Object> observed = await("customerSubscriptionId=" + subscription, c -> c.size() == 1).get(0);
        assertEquals(List.of("observed", "function", PRINCIPAL), List.of(observed.get("outcome"),
                observed.get("trigger"), observed.get("caller")));
    }

    @Test
    void theTimersWritesAreTheTimersWhateverHeadersReachIt() throws Exception {
        String subscription = uniqueGuid();
        DesiredStateFile.write(manifest(customer(subscription, TENANT, "west")));
        signedIn(given().contentType(ContentType.JSON), NAME, ID)
                .body(new String(getClass().getResourceAsStream("/functions-custom-handler/timer-request.json")
                        .readAllBytes(), StandardCharsets.UTF_8))
                .post("/driftCheck").then().statusCode(200);

        Map<String, Object> register = await("customerSubscriptionId=" + subscription, c -> c.size() == 1).get(0);
        assertEquals(List.of("registered", "timer", "timer"), List.of(register.get("outcome"),
                register.get("trigger"), register.get("caller")));
    }
}
