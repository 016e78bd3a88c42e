package com.tenantregistrar.driftreports;

import static com.tenantregistrar.drift.DesiredStateFile.customer;
import static com.tenantregistrar.drift.DesiredStateFile.manifest;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.LogCapture;
import com.tenantregistrar.drift.DesiredStateFile;
import com.tenantregistrar.drift.TimerRequest;
import com.tenantregistrar.functions.DriftFunctions;
import com.tenantregistrar.storage.ProxiedStorage;
import com.tenantregistrar.storage.StorageProxy;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The storage account refuses the report's blob (403, as it does when the app's identity has no Blob role): the run
 * still answers in full, its answer says the report was not kept and why, a WARN (never an ERROR) says so, and the
 * health check counts it.
 */
@QuarkusTest
@TestProfile(ProxiedStorage.Profile.class)
class DriftReportOutageTest extends EmulatedArmTest {

    private static final String S1 = "11111111-1111-4111-8111-111111111111";
    private static final String S2 = "22222222-2222-4222-8222-222222222222";
    private static final String T1 = "aaaaaaaa-1111-4111-8111-111111111111";
    private static final String T2 = "aaaaaaaa-2222-4222-8222-222222222222";

    @RegisterExtension
    LogCapture log = new LogCapture();

    private static StorageProxy blobs() {
        return ProxiedStorage.proxy(StorageProxy.Service.BLOB);
    }

    @AfterEach
    void storageAnswersAgain() {
        blobs().refuseNothing();
    }

    private static long notKept() {
        return given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'drift-reports' }.status", equalTo("UP"))
                .extract().jsonPath().getLong("checks.find { it.name == 'drift-reports' }.data.reportsNotKept");
    }

    @Test
    void aRunWhoseReportIsRefusedStillAnswersInFullAndSaysItWasNotKept() {
        DesiredStateFile.write(manifest(customer(S1, T1), customer(S2, T2)));
        arm.seed(east(), S1, T1);
        long before = notKept();
        blobs().refuse(request -> request.path().contains("/" + DriftReportStore.CONTAINER));

        Response check = given().post("/checkDrift");
        check.then().statusCode(200)
                .body("missing.size()", equalTo(3))
                .body("keptAs", equalTo(null))
                .body("notKept", containsString("403"))
                .body("notKept", containsString("AuthorizationPermissionMismatch"));
        String id = check.header(DriftFunctions.RUN_ID_HEADER);
        assertEquals(id, check.jsonPath().getString("runId"));

        Response timer = TimerRequest.run();
        timer.then().statusCode(200).body("ReturnValue.notKept", containsString("403"))
                .body("ReturnValue.missing.size()", equalTo(3));
        assertTrue(timer.jsonPath().getString("Logs[0]").contains("report not kept (the storage account answered 403"),
                timer.jsonPath().getString("Logs[0]"));

        assertEquals(before + 2, notKept());
        List<LogCapture.Line> warnings = log.atLeast(Level.WARNING).stream()
                .filter(line -> line.message().contains("was not kept")).toList();
        assertEquals(2, warnings.size(), log.lines().toString());
        assertTrue(warnings.get(0).message().contains(id), warnings.get(0).message());
        assertEquals(List.of(), log.atLeast(Level.SEVERE), "no ERROR");

        blobs().refuseNothing();
        given().get("/driftRun?id=" + id).then().statusCode(404).body("error.code", equalTo("DriftRunNotFound"));
        // Storage answering again, the next run's report is kept.
        given().post("/checkDrift").then().statusCode(200).body("keptAs", containsString("drift-reports/"));
    }

}
