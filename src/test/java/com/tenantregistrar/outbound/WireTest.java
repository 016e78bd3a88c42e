package com.tenantregistrar.outbound;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.LogCapture;
import com.tenantregistrar.drift.WithPartnerCenter;
import com.tenantregistrar.emulator.Fault;
import com.tenantregistrar.emulator.PartnerCenterState;
import com.tenantregistrar.emulator.WireLog.WireRequest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * What the app puts on the wire, as the emulated ARM, identity endpoint and Partner Center received it: no GET
 * carries a body or {@code Transfer-Encoding} (RFC 9110 leaves a GET's body undefined, and gateways refuse it); and a
 * connection reset that the retry overcomes is one WARN line, the retry's, and no ERROR from any library.
 */
@QuarkusTest
@TestProfile(WireTest.OwnAudience.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WireTest extends EmulatedArmTest {

    /** Partner Center on, and a token audience no other test asks for, so that this app asks the identity endpoint. */
    public static class OwnAudience implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return WithPartnerCenter.and(Map.of("registrar.arm.audience", "https://management.microsoftazure.de/"));
        }
    }

    static final String CUSTOMER = "c1000000-0000-4000-8000-000000000000";
    static final String OTHER = "c2000000-0000-4000-8000-000000000000";
    static final String PLAN = "e1000000-0000-4000-8000-000000000000";
    static final String AZURE = "a1000000-0000-4000-8000-000000000000";

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Inject
    PartnerCenterState partnerCenter;

    @BeforeEach
    void twoCustomersOnePerPage() {
        partnerCenter.reset();
        partnerCenter.pageSize(1); // the second page is asked with its continuation token
        partnerCenter.addCustomer(CUSTOMER, "Contoso").addCustomer(OTHER, "Fabrikam")
                .addSubscription(CUSTOMER, PLAN, PartnerCenterState.AZURE_PLAN_OFFER, "active")
                .addAzureEntitlement(CUSTOMER, PLAN, AZURE, "active");
        arm.seed(east(), AZURE, CUSTOMER);
    }

    @Test
    @Order(1)
    void noGetTheAppSendsHasABodyOrATransferEncoding() {
        given().post("/checkDrift").then().statusCode(200);
        given().get("/listRegisteredCustomers").then().statusCode(200);

        List<WireRequest> gets = arm.wire().requests().stream().filter(r -> r.method().equals("GET")).toList();
        assertEquals(Set.of("ARM", "Partner Center", "identity"),
                gets.stream().map(WireRequest::server).collect(Collectors.toSet()), "every service's GETs: " + gets);
        assertTrue(gets.stream().anyMatch(r -> r.path().endsWith("/customers") && r.server().equals("Partner Center")),
                "the customers' pages: " + gets);
        assertEquals(List.of(), gets.stream().filter(WireRequest::hasBody).toList(), "GETs with a body");
    }

    @Test
    @Order(2)
    void aResetConnectionThatTheRetryOvercomesIsOneWarningAndNoError() {
        arm.inject(Fault.reset("GET", "customerSubscriptions", 1));
        partnerCenter.inject(Fault.reset("GET", "/customers", 1));

        given().get("/listRegisteredCustomers").then().statusCode(200);
        given().post("/checkDrift").then().statusCode(200);

        assertEquals(List.of(), logs.atLeast(Level.SEVERE).stream().map(LogCapture.Line::text).toList(),
                "no ERROR line, from the app or a library");
        List<String> warnings = logs.atLeast(Level.WARNING).stream().map(LogCapture.Line::text).toList();
        assertEquals(2, warnings.size(), "one WARN a reset: " + warnings);
        assertTrue(warnings.stream().allMatch(w -> w.contains(ServiceRetryStrategy.class.getName())
                && w.contains("retrying")), "the retry's own lines: " + warnings);
    }
}
