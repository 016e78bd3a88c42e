package com.tenantregistrar.driftreports;

import static com.tenantregistrar.drift.DesiredStateFile.customer;
import static com.tenantregistrar.drift.DesiredStateFile.manifest;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.drift.DesiredStateFile;
import com.tenantregistrar.drift.TimerRequest;
import com.tenantregistrar.emulator.Fault;
import com.tenantregistrar.functions.DriftFunctions;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Every drift run's whole report is kept, listed newest first by listDriftRuns and answered by driftRun exactly as
 * the run answered it; reports older than REGISTRAR_DRIFT_REPORT_RETENTION are deleted by the timer.
 */
@QuarkusTest
@TestProfile(DriftRunsTest.ShortRetention.class)
class DriftRunsTest extends EmulatedArmTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String S1 = "11111111-1111-4111-8111-111111111111";
    private static final String S2 = "22222222-2222-4222-8222-222222222222";
    private static final String T1 = "aaaaaaaa-1111-4111-8111-111111111111";
    private static final String T2 = "aaaaaaaa-2222-4222-8222-222222222222";

    /** Reports are kept 30 days (REGISTRAR_DRIFT_REPORT_RETENTION=30d). */
    public static class ShortRetention implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("registrar.drift.report-retention", "30d");
        }
    }

    /** S1 and S2 belong everywhere; only S1 is registered. */
    private void twoMissing() {
        DesiredStateFile.write(manifest(customer(S1, T1), customer(S2, T2)));
        arm.seed(east(), S1, T1);
        arm.seed(west(), S1, T1);
    }

    private static Response timer() {
        return TimerRequest.run();
    }


    private static JsonNode json(Response response) throws IOException {
        return MAPPER.readTree(response.asString());
    }

    private static List<Map<String, Object>> runs(String query) {
        return given().get("/listDriftRuns" + query).then().statusCode(200).extract().jsonPath().getList("runs");
    }

    @Test
    void twoRunsAreListedNewestFirstWithTheirFiguresAndALink() {
        twoMissing();
        Instant before = Instant.now().minusMillis(1);
        Response check = given().post("/checkDrift");
        check.then().statusCode(200).body("missing.size()", equalTo(2));
        Response run = timer();
        run.then().statusCode(200);
        String first = check.header(DriftFunctions.RUN_ID_HEADER);
        String second = run.header(DriftFunctions.RUN_ID_HEADER);

        List<Map<String, Object>> runs = runs("?since=" + before);
        assertEquals(List.of(second, first), ids(runs));
        Map<String, Object> newest = runs.get(0);
        assertEquals("timer", newest.get("trigger"));
        assertEquals("report", newest.get("mode"));
        assertEquals("complete", newest.get("outcome"));
        assertEquals(false, newest.get("inSync"));
        assertEquals(RunId.require("id", second).start().toString(), newest.get("time"));
        assertEquals(Map.of("missing", 2, "unexpected", 0, "inactive", 0, "tenantMismatch", 0, "ambiguous", 0,
                "actions", 0, "failed", 0, "skipped", 0, "held", 0), newest.get("counts"));
        assertTrue(newest.get("link").toString().endsWith("/driftRun?id=" + second), newest.toString());
        assertEquals("checkDrift", runs.get(1).get("trigger"));
        // The link works as it is given.
        given().get(newest.get("link").toString()).then().statusCode(200).body("runId", equalTo(second));
    }

    @Test
    void driftRunAnswersTheWholeReportExactlyAsTheRunAnsweredIt() throws IOException {
        twoMissing();
        Response check = given().post("/checkDrift");
        String id = check.header(DriftFunctions.RUN_ID_HEADER);
        JsonNode answer = json(check);
        assertEquals(id, answer.path("runId").asText());
        assertEquals("drift-reports/" + RunId.require("id", id).blobName(), answer.path("keptAs").asText());
        assertFalse(answer.has("notKept"));
        assertEquals(answer, json(given().get("/driftRun?id=" + id.toUpperCase()).then().statusCode(200).extract()
                .response()));

        Response run = timer();
        JsonNode returned = json(run).path("ReturnValue");
        assertEquals(run.header(DriftFunctions.RUN_ID_HEADER), returned.path("runId").asText());
        assertEquals(returned, json(given().get("/driftRun?id=" + returned.path("runId").asText())));
        assertTrue(json(run).path("Logs").get(0).asText().endsWith("; run " + returned.path("runId").asText()
                + ", report kept as " + returned.path("keptAs").asText()), json(run).path("Logs").toString());
        assertTrue(Instant.parse(returned.path("startedAt").asText())
                .compareTo(Instant.parse(returned.path("endedAt").asText())) <= 0);
    }

    @Test
    void anIncompleteRunIsKeptTooWithWhatWentWrong() throws IOException {
        twoMissing();
        arm.inject(Fault.error("GET", "azurestack-west", 403, "AuthorizationFailed", -1));
        Response check = given().post("/checkDrift");
        check.then().statusCode(403).body("error.code", equalTo("AuthorizationFailed"));
        String id = check.header(DriftFunctions.RUN_ID_HEADER);
        JsonNode kept = json(given().get("/driftRun?id=" + id).then().statusCode(200).extract().response());
        assertEquals("incomplete", kept.path("outcome").asText());
        assertEquals("AuthorizationFailed", kept.path("error").path("code").asText());
        assertEquals(1, kept.path("missing").size(), "east's missing customer is reported: " + kept);
        Map<String, Object> listed = runs("?top=1").get(0);
        assertEquals(id, listed.get("runId"));
        assertEquals("incomplete", listed.get("outcome"));
    }

    @Test
    void sinceAndTopNarrowTheList() {
        twoMissing();
        Instant before = Instant.now().minusMillis(1);
        String first = checkDrift();
        String second = checkDrift();
        String third = checkDrift();

        assertEquals(List.of(third, second), ids(runs("?since=" + before + "&top=2")));
        assertEquals(List.of(third, second), ids(runs("?since=" + RunId.require("id", second).start())));
        assertEquals(third, runs("?top=1").get(0).get("runId"));
        assertEquals(1, runs("?top=1").size());
        assertTrue(runs("?since=" + before).stream().anyMatch(r -> r.get("runId").equals(first)));
        assertEquals(List.of(), runs("?since=2999-01-01"));
    }

    private static String checkDrift() {
        return given().post("/checkDrift").then().statusCode(200).extract().header(DriftFunctions.RUN_ID_HEADER);
    }

    private static List<Object> ids(List<Map<String, Object>> runs) {
        return runs.stream().map(run -> run.get("runId")).toList();
    }

    @Test
    void anUnknownRunIsA404AndAMalformedIdOrQueryA400() {
        given().get("/driftRun?id=" + RunId.startingAt(Instant.now())).then().statusCode(404)
                .body("error.code", equalTo("DriftRunNotFound"))
                .body("error.message", containsString("listDriftRuns"));
        for (String bad : List.of("not-a-run", "0b3c9a7e-1f2d-4c5b-8a6e-9d0f1e2a3b4c", "")) {
            given().get("/driftRun?id=" + bad).then().statusCode(400).body("error.code", equalTo("InvalidRequest"))
                    .body("error.message", containsString("'id'"));
        }
        given().get("/driftRun").then().statusCode(400).body("error.message", containsString("'id' is required"));
        given().get("/listDriftRuns?top=0").then().statusCode(400).body("error.message", containsString("'top'"));
        given().get("/listDriftRuns?since=yesterday").then().statusCode(400)
                .body("error.message", containsString("'since'"));
        given().get("/listDriftRuns?runId=x").then().statusCode(400).body("error.code", equalTo("InvalidRequest"));
        given().post("/listDriftRuns").then().statusCode(405);
    }

    @Test
    void theTimerDeletesReportsOlderThanTheRetentionAndKeepsTheRest() throws Exception {
        DesiredStateFile.write(manifest(customer(S1, T1)));
        BlobContainerClient container = storage.container(DriftReportStore.CONTAINER);
        RunId expired = RunId.startingAt(Instant.now().minus(Duration.ofDays(31)));
        RunId kept = RunId.startingAt(Instant.now().minus(Duration.ofDays(29)));
        for (RunId old : List.of(expired, kept)) {
            container.getBlobClient(old.blobName()).upload(BinaryData.fromString("{\"runId\":\"" + old + "\"}"), true);
        }
        container.getBlobClient("notes/readme.txt").upload(BinaryData.fromString("not a report"), true);
        given().get("/driftRun?id=" + expired).then().statusCode(200);

        String run = timer().then().statusCode(200).extract().header(DriftFunctions.RUN_ID_HEADER);
        for (int i = 0; i < 100 && container.getBlobClient(expired.blobName()).exists(); i++) {
            Thread.sleep(100);
        }
        assertFalse(container.getBlobClient(expired.blobName()).exists(), "older than 30 days: deleted");
        assertTrue(container.getBlobClient(kept.blobName()).exists(), "29 days old: kept");
        assertTrue(container.getBlobClient("notes/readme.txt").exists(), "not a report: left alone");
        given().get("/driftRun?id=" + run).then().statusCode(200);
        given().get("/driftRun?id=" + expired).then().statusCode(404);
    }

    @Test
    void theHealthCheckCountsTheKeptReports() {
        DesiredStateFile.write(manifest(customer(S1, T1)));
        long before = kept();
        given().post("/checkDrift").then().statusCode(200);
        assertEquals(before + 1, kept());
    }

    private static long kept() {
        JsonPath health = given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'drift-reports' }.status", equalTo("UP")).extract().jsonPath();
        assertEquals(true, health.getBoolean("checks.find { it.name == 'drift-reports' }.data.configured"));
        return health.getLong("checks.find { it.name == 'drift-reports' }.data.reportsKept");
    }
}
