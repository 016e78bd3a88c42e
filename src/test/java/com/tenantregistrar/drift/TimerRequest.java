package com.tenantregistrar.drift;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Posts the Functions host's timer envelope to {@code /driftCheck}, as the host does on schedule. */
final class TimerRequest {

    private TimerRequest() {
    }

    /** The timer envelope of {@code src/test/resources/functions-custom-handler/<name>}. */
    static String payload(String name) {
        try (InputStream in = TimerRequest.class.getResourceAsStream("/functions-custom-handler/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One scheduled run. */
    static Response run() {
        return given().contentType(ContentType.JSON).body(payload("timer-request.json")).post("/driftCheck");
    }
}
