package com.tenantregistrar.functions;

import static com.tenantregistrar.journal.Journal.await;
import static com.tenantregistrar.journal.Journal.uniqueGuid;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.LogCapture;
import com.tenantregistrar.emulator.EmulatorState.ArmRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * A registration holds one subscription per tenant, so registerCustomer reads each registration before its PUT and
 * never silently changes what is registered there: a PUT that would change the subscription's tenant or unmap the
 * tenant's other subscription is a 409 {@code TenantConflict} on that registration, unless the caller sends
 * {@code "replace": true}, which is then journaled as a rewrite or a replace.
 */
@QuarkusTest
class RegisterCustomerConflictTest extends EmulatedArmTest {

    private static final String OTHER_TENANT = "10206aa3-9bf5-4304-affc-fd970c3b7813";
    private static final String OTHER_SUBSCRIPTION = "0b3c9a7e-1f2d-4c5b-8a6e-9d0f1e2a3b4c";

    @RegisterExtension
    final LogCapture log = new LogCapture();

    @Test
    void aSubscriptionRegisteredWithAnotherTenantIsAConflictThatNamesBothAndIsNotWritten() {
        arm.seed(east(), SUBSCRIPTION, OTHER_TENANT);

        refusedOnEast(registerBody(SUBSCRIPTION, TENANT, "east"),
                SUBSCRIPTION + " is registered with tenant " + OTHER_TENANT,
                "would change its tenant to " + TENANT);
    }

    @Test
    void aTenantRegisteredWithAnotherSubscriptionIsAConflictThatNamesItAndIsNotWritten() {
        arm.seed(east(), OTHER_SUBSCRIPTION, TENANT);

        refusedOnEast(registerBody(SUBSCRIPTION, TENANT, "east"),
                "tenant " + TENANT + " is registered with customer subscription " + OTHER_SUBSCRIPTION,
                "would unmap " + OTHER_SUBSCRIPTION + " from the tenant", "send \"replace\": true");
    }

    @Test
    void replaceFalseIsTheSameConflict() {
        arm.seed(east(), OTHER_SUBSCRIPTION, TENANT);

        refusedOnEast(replacing(SUBSCRIPTION, TENANT, "false"), OTHER_SUBSCRIPTION);
    }

    /**
     * Sends {@code body}, a registration on east alone, and sees it refused with a message that says each of
     * {@code said}: east as it was, read and not written, and no ERROR logged.
     */
    private void refusedOnEast(String body, String... said) {
        Map<String, String> before = arm.customersOf(east());
        ValidatableResponse answer = json(body).post("/registerCustomer")
                .then().statusCode(409)
                .body("error.code", equalTo("TenantConflict"))
                .body("results.status", contains("failed"))
                .body("results[0].error.code", equalTo("TenantConflict"));
        for (String part : said) {
            answer.body("error.message", containsString(part));
        }

        assertEquals(before, arm.customersOf(east()));
        assertEquals(List.of("GET"), armCalls().stream().map(ArmRequest::method).toList(), "the read, and no PUT");
        assertEquals(List.of(), log.atLeast(Level.SEVERE), "a caller's mistake is no ERROR");
    }

    @Test
    void oneRegistrationConflictsWhileTheOtherRegisters() {
        arm.seed(east(), SUBSCRIPTION, OTHER_TENANT);

        json(registerBody(SUBSCRIPTION, TENANT))
                .post("/registerCustomer")
                .then().statusCode(409)
                .body("error.code", equalTo("TenantConflict"))
                .body("customerSubscriptionId", equalTo(SUBSCRIPTION))
                .body("results.registration", contains("east", "west"))
                .body("results.status", contains("failed", "registered"))
                .body("results[0].error.code", equalTo("TenantConflict"))
                .body("results[1]", not(hasKey("error")));

        assertEquals(Map.of(SUBSCRIPTION, OTHER_TENANT), arm.customersOf(east()));
        assertEquals(Map.of(SUBSCRIPTION, TENANT), arm.customersOf(west()));
        assertEquals(List.of(west().customerSubscriptionId(SUBSCRIPTION)),
                armCalls("PUT").stream().map(ArmRequest::path).toList());
    }

    /**
     * {@code rewrite}: the subscription was registered with another tenant, which the journal names; {@code replace}:
     * the tenant was registered with another subscription, which ARM unmapped and the journal names.
     */
    @ParameterizedTest
    @CsvSource({ "rewrite, previousTenantId, previousSubscriptionId",
            "replace, previousSubscriptionId, previousTenantId" })
    void replaceTrueWritesAndTheJournalNamesWhatThePutChanged(String action, String named, String unnamed) {
        String subscription = uniqueGuid();
        String tenant = uniqueGuid();
        String before = uniqueGuid();
        if (action.equals("rewrite")) {
            arm.seed(east(), subscription, before);
        } else {
            arm.seed(east(), before, tenant);
        }

        json(replacing(subscription, tenant, "true")).post("/registerCustomer")
                .then().statusCode(200)
                .body("results.status", contains("registered"));

        assertEquals(Map.of(subscription, tenant), arm.customersOf(east()), "east holds the PUT alone");
        Map<String, Object> change = await("customerSubscriptionId=" + subscription, c -> c.size() == 1).get(0);
        assertEquals(action, change.get("action"));
        assertEquals(tenant, change.get("tenantId"));
        assertEquals(before, change.get(named));
        assertFalse(change.containsKey(unnamed), change.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"true\"", "1", "{}", "[true]" })
    void aReplaceThatIsNotABooleanIs400NamingItWithoutAnArmCall(String replace) {
        arm.seed(east(), OTHER_SUBSCRIPTION, TENANT);

        json(replacing(SUBSCRIPTION, TENANT, replace)).post("/registerCustomer")
                .then().statusCode(400)
                .body("error.code", equalTo("InvalidRequest"))
                .body("error.message", containsString("'replace' must be true or false"));

        assertEquals(List.of(), armCalls());
        assertEquals(Map.of(OTHER_SUBSCRIPTION, TENANT), arm.customersOf(east()));
    }

    private static String replacing(String subscription, String tenant, String replace) {
        return "{\"customerSubscriptionId\":\"" + subscription + "\",\"tenantId\":\"" + tenant
                + "\",\"registrations\":[\"east\"],\"replace\":" + replace + "}";
    }
}
