package com.tenantregistrar.drift;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.LogCapture;
import com.tenantregistrar.emulator.Fault;
import com.tenantregistrar.emulator.PartnerCenterState;
import com.tenantregistrar.emulator.PartnerCenterState.CallKind;
import com.tenantregistrar.partnercenter.PartnerCenterDirectory;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * A continuation token Partner Center no longer accepts (the emulator expires them, as the service does): the walk
 * starts its generation again from the first customer, once a run, with one WARN line, and the report says so; a
 * token refused again in the same run ends the run with 503 {@code PartnerCenterContinuationRefused} and nothing
 * removed. Six customers, two per page, with the walk saved in Azurite.
 */
@QuarkusTest
@TestProfile(WithPartnerCenter.class)
class WalkThatMovesTest extends EmulatedArmTest {

    /** Registered, but no customer's in Partner Center: unexpected. */
    static final String STRAY = "5a5a5a5a-0000-4000-8000-000000000000";

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Inject
    PartnerCenterState partnerCenter;

    @BeforeEach
    void sixCustomersTwoPerPage() {
        WalkedCustomers.seed(partnerCenter, 6, 2);
        arm.seed(east(), STRAY, ResumableWalkTest.customer(9));
    }

    private List<LogCapture.Line> restartWarnings() {
        return logs.atLeast(Level.WARNING).stream()
                .filter(line -> line.logger().equals(PartnerCenterDirectory.class.getName())
                        && line.message().contains("continuation token"))
                .toList();
    }

    private long firstPagesAsked() {
        return partnerCenter.requests().stream()
                .filter(r -> r.kind() == CallKind.CUSTOMERS && r.continuationToken() == null).count();
    }

    @Test
    void aSavedTokenPartnerCenterNoLongerAcceptsStartsTheGenerationAgainFromTheFirstCustomer() {
        // The first run stops on the second page (customer 3 refused once) and saves where it stopped: its token.
        partnerCenter.inject(Fault.error("GET", ResumableWalkTest.customer(3) + "/subscriptions", 403, "Forbidden",
                1));
        TimerRequest.run().then().statusCode(503).body("ReturnValue.partnerCenter.complete", equalTo(false));
        partnerCenter.expireContinuations();
        int warningsBefore = restartWarnings().size();
        int errorsBefore = logs.atLeast(Level.SEVERE).size();

        JsonPath second = TimerRequest.run().then().statusCode(200).extract().jsonPath();
        assertEquals(Map.of("customers", 6, "azureSubscriptions", 6, "complete", true, "generation", 1,
                "coverage", "6/6", "restarted", true), second.getMap("ReturnValue.partnerCenter"), second.prettify());
        assertEquals(2, firstPagesAsked(), "the second run started again from the first page");
        assertEquals(1, restartWarnings().size() - warningsBefore, "one WARN line says so");
        List<LogCapture.Line> errors = logs.atLeast(Level.SEVERE);
        assertEquals(List.of(), errors.subList(errorsBefore, errors.size()).stream().map(LogCapture.Line::text)
                .toList(), "a refused token is no error of the app's");
        assertEquals(List.of("held"), second.getList("ReturnValue.actions.findAll { it.action == 'remove' }.status"),
                "the stray entry stays: no generation began after it was first seen");
        assertEquals(0, armCalls("DELETE").size());

        // The generation after it walks as usual, without a restart.
        given().post("/checkDrift").then().statusCode(200)
                .body("partnerCenter", equalTo(Map.of("customers", 6, "azureSubscriptions", 6, "complete", true,
                        "generation", 2, "coverage", "6/6")));
    }

    @Test
    void aTokenRefusedAgainAfterTheRestartEndsTheRunWith503AndRemovesNothing() {
        partnerCenter.continuationLifetime(Duration.ZERO); // every token refused, even one this run was given

        JsonPath run = TimerRequest.run().then().statusCode(503)
                .body("error.code", equalTo(PartnerCenterDirectory.CONTINUATION_REFUSED))
                .extract().jsonPath();
        assertEquals(false, run.getBoolean("ReturnValue.partnerCenter.complete"), run.prettify());
        assertEquals(true, run.getBoolean("ReturnValue.partnerCenter.restarted"));
        assertEquals(PartnerCenterDirectory.CONTINUATION_REFUSED,
                run.getString("ReturnValue.partnerCenter.error.code"));
        assertEquals(List.of("partnerCenterIncomplete"),
                run.getList("ReturnValue.actions.findAll { it.action == 'remove' }.reason"));
        assertEquals(0, armCalls("DELETE").size(), "nothing removed on a walk that could not finish");
        assertEquals(2, firstPagesAsked(), "started again once, not in a loop");
        assertEquals(1, restartWarnings().size());
    }
}
