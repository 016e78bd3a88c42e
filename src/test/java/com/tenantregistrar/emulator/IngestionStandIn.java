package com.tenantregistrar.emulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * A stand-in for Application Insights' ingestion endpoint (a connection string's {@code IngestionEndpoint}): it takes
 * the Azure Monitor exporter's {@code POST /v2.1/track}, a gzipped body of one JSON telemetry item per line, answers
 * as the service does ({@code itemsReceived}, {@code itemsAccepted}), and keeps each item and each raw body for the
 * test to read. Any other path is 404.
 */
public final class IngestionStandIn extends LoopbackServer {

    static final String TRACK = "/v2.1/track";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<JsonNode> items = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    /** Listens on any free loopback port. */
    public static IngestionStandIn start(Vertx vertx) {
        IngestionStandIn standIn = new IngestionStandIn();
        standIn.listen(vertx, new HttpServerOptions().setHost("127.0.0.1"), standIn::handle, 0);
        return standIn;
    }

    /** The connection string of an Application Insights resource whose ingestion endpoint this is. */
    public String connectionString() {
        return "InstrumentationKey=5f0c3a2e-7d41-4b8a-9e61-2c7a1f3b9d04;IngestionEndpoint=http://127.0.0.1:" + port()
                + "/";
    }

    /** Every telemetry item received so far, in order. */
    public List<JsonNode> items() {
        return List.copyOf(items);
    }

    /** Every body received so far, unzipped, as sent. */
    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    private void handle(HttpServerRequest request) {
        if (!"POST".equals(request.method().name()) || !TRACK.equals(request.path())) {
            request.response().setStatusCode(404).end();
            return;
        }
        request.body().onSuccess(body -> {
            try {
                String text = unzip(body, "gzip".equalsIgnoreCase(request.getHeader("Content-Encoding")));
                bodies.add(text);
                int received = 0;
                for (String line : text.split("\n")) {
                    if (!line.isBlank()) {
                        items.add(MAPPER.readTree(line));
                        received++;
                    }
                }
                request.response().putHeader("Content-Type", "application/json").end("{\"itemsReceived\":" + received
                        + ",\"itemsAccepted\":" + received + ",\"errors\":[]}");
            } catch (IOException e) {
                request.response().setStatusCode(400).end(e.getMessage());
            }
        });
    }

    private static String unzip(Buffer body, boolean gzipped) throws IOException {
        InputStream in = new ByteArrayInputStream(body.getBytes());
        try (InputStream data = gzipped ? new GZIPInputStream(in) : in) {
            return new String(data.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
