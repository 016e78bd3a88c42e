package com.tenantregistrar.coverage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.drift.DesiredStateFile;
import com.tenantregistrar.drift.WithPartnerCenter;
import com.tenantregistrar.emulator.PartnerCenterState;
import com.tenantregistrar.journal.MissingEntries;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code GET /coverage} over HTTP after a drift run of the demo partner (emulated Partner Center and ARM, Azurite):
 * its figures, its filters, and that it reads neither Partner Center nor ARM.
 */
@QuarkusTest
@TestProfile(WithPartnerCenter.class)
class CoverageFunctionTest extends EmulatedArmTest {

    static final String CONTOSO = "3e8cde5f-3f9a-4615-a263-928dd1f1367e";
    static final String CONTOSO_SUBSCRIPTION = "3473e9c1-e0b0-47f8-9100-4544064a3aa8";
    static final String FABRIKAM_SUBSCRIPTION = "9bd5dad9-cd3d-4b5a-b5be-5e54ad6124a5";
    static final String TAILSPIN_SUBSCRIPTION = "7b580a48-87b2-46ca-b6d5-db231cf30e6c";
    static final String ADATUM = "65573c8a-9a98-48c6-bbf5-5807746d1a4e";

    @Inject
    PartnerCenterState partnerCenter;

    @Inject
    MissingEntries missing;

    @BeforeEach
    void demoPartnerAndNothingKept() {
        CoverageState.clear(storage, missing);
        partnerCenter.reset();
        partnerCenter.seedDemo();
        DesiredStateFile.write(DesiredStateFile.manifest());
    }

    @Test
    void beforeAnyKeptRunItSaysSoAndHowToGetOne() {
        given().get("/coverage").then().statusCode(503)
                .body("error.code", equalTo("NoDriftRunKept"))
                .body("error.message", containsString("checkDrift"));
    }

    @Test
    void afterARunItCountsEachRegistrationAndCostsWhatIsMissingFromTheMemory() {
        Instant tenDaysAgo = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.MILLIS);
        missing.open("east", CONTOSO_SUBSCRIPTION, tenDaysAgo, null);
        String runId = given().post("/checkDrift").then().statusCode(200).extract()
                .header("x-registrar-drift-run-id");
        int armCalls = armCalls().size();
        int partnerCenterCalls = partnerCenter.requests().size();

        given().get("/coverage").then().statusCode(200)
                .body("inSync", equalTo(false))
                .body("run.runId", equalTo(runId))
                .body("run.trigger", equalTo("checkDrift"))
                .body("run.partnerCenterGeneration", equalTo(1))
                .body("total.missing", equalTo(4))
                .body("total.oldestMissingSince", equalTo(tenDaysAgo.toString()))
                .body("total.expected", equalTo(6))
                .body("registrations.registration", hasItems("east", "west"))
                .body("registered.findAll { it.customerSubscriptionId == '" + FABRIKAM_SUBSCRIPTION
                        + "' }.registration", hasItems("east", "west"))
                .body("missing.find { it.registration == 'east' && it.customerSubscriptionId == '"
                        + CONTOSO_SUBSCRIPTION + "' }.since", equalTo(tenDaysAgo.toString()))
                .body("missing.find { it.registration == 'east' && it.customerSubscriptionId == '"
                        + CONTOSO_SUBSCRIPTION + "' }.daysMissing", equalTo(10.0f))
                .body("inactive.customerSubscriptionId", hasItem(TAILSPIN_SUBSCRIPTION))
                .body("ambiguous.tenantId", hasItem(ADATUM))
                .body("companies.find { it.tenantId == '" + CONTOSO + "' }.companyName", equalTo("Contoso"))
                .body("note", containsString("daily rate"));
        float days = given().get("/coverage").then().extract().path("total.unbilledCustomerDays");
        assertEquals(10.0f, days, 0.11f, "Contoso's ten days on east; the others went missing in this run");

        assertEquals(armCalls, armCalls().size(), "coverage calls no ARM");
        assertEquals(partnerCenterCalls, partnerCenter.requests().size(), "coverage walks no Partner Center");
    }

    @Test
    void itsFiltersNarrowTheEntriesAndAMistakeIsA400ThatSaysWhatIsAllowed() {
        given().post("/checkDrift").then().statusCode(200);

        given().get("/coverage?registration=WEST").then().statusCode(200)
                .body("registrations", hasSize(1))
                .body("missing.registration", everyItem(equalTo("west")))
                .body("total.missing", equalTo(2));
        given().get("/coverage?tenantId=" + CONTOSO.toUpperCase()).then().statusCode(200)
                .body("missing.tenantId", everyItem(equalTo(CONTOSO)))
                .body("missing", hasSize(2))
                .body("registered", hasSize(0));
        given().get("/coverage?status=registered").then().statusCode(200)
                .body("missing", hasSize(0))
                .body("registered", hasSize(2));

        given().get("/coverage?registration=north").then().statusCode(400)
                .body("error.code", equalTo("InvalidRequest"))
                .body("error.message", containsString("east, west"));
        given().get("/coverage?status=late").then().statusCode(400)
                .body("error.message", containsString("registered, missing, unexpected, inactive, ambiguous"));
        given().get("/coverage?tenantId=contoso").then().statusCode(400)
                .body("error.message", containsString("tenantId"));
        given().get("/coverage?top=5").then().statusCode(400)
                .body("error.message", containsString("top"));
    }
}
