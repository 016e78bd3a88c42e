package com.tenantregistrar.drift;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.tenantregistrar.driftreports.DriftReportStore;
import com.tenantregistrar.driftreports.RunId;
import com.tenantregistrar.functions.DriftFunctions;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Posts the Functions host's timer envelope to {@code /driftCheck}, as the host does on schedule. */
public final class TimerRequest {

    private TimerRequest() {
    }

    /** The timer envelope of {@code src/test/resources/functions-custom-handler/<name>}. */
    public static String payload(String name) {
        try (InputStream in = TimerRequest.class.getResourceAsStream("/functions-custom-handler/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the Logs of {@code run} say its report is: the run's ID and the blob it is kept as. */
    public static String where(Response run) {
        String id = run.header(DriftFunctions.RUN_ID_HEADER);
        return "run " + id + ", report kept as " + DriftReportStore.keptAs(RunId.require("id", id));
    }

    /** A run's report without what tells one run from another (its ID, trigger, times and where it is kept). */
    static Map<String, Object> withoutRun(Map<String, Object> report) {
        Map<String, Object> rest = new HashMap<>(report);
        List.of("runId", "trigger", "startedAt", "endedAt", "keptAs").forEach(rest::remove);
        return rest;
    }

    /** One scheduled run. */
    public static Response run() {
        return given().contentType(ContentType.JSON).body(payload("timer-request.json")).post("/driftCheck");
    }
}
