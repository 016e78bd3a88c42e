package com.tenantregistrar.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.bench.AppProcess.LaunchMode;
import com.tenantregistrar.emulator.EmulatorState;

/**
 * The managed identity failing: the emulated identity endpoint answers 500 to every token request, and a
 * {@code registerCustomer} on every registration is timed to its 503, with the token requests it caused counted.
 */
final class IdentityOutageBenchmark {

    private static final String BODY = "{\"customerSubscriptionId\": \"e09a4e93-29a7-4eba-a6d4-76202383f07f\", "
            + "\"tenantId\": \"dbab3982-796f-4d03-9908-044c08aef8a2\"}";

    private final EmulatorState state;
    private final Map<String, String> environment;
    private final int runs;
    private final Consumer<String> line;

    IdentityOutageBenchmark(EmulatorState state, Map<String, String> environment, int runs, Consumer<String> line) {
        this.state = state;
        this.environment = environment;
        this.runs = runs;
        this.line = line;
    }

    void run(LaunchMode mode, int registrations, Path log) throws Exception {
        line.accept("## 11. Identity outage");
        line.accept("");
        line.accept("The emulated identity endpoint answers 500 to every token request; `registerCustomer` on all "
                + registrations + " registrations, timed from the request to its answer (median of " + runs
                + " calls, range in brackets), with the token requests each call caused and the ARM requests made. "
                + "Between calls the benchmark waits until azure-identity's retries, which go on after the app has "
                + "given up, have stopped, so that each call starts alone. Target: the 503 within 15 s.");
        line.accept("");
        line.accept("| answer | error code | time to the answer | token requests per call | ARM requests |");
        line.accept("|---|---|---|---|---|");
        state.reset();
        state.failTokens(true);
        List<Double> millis = new ArrayList<>();
        List<Double> tokens = new ArrayList<>();
        int armBefore = state.requests().size();
        String status = "";
        String code = "";
        // Started on its liveness: its first ARM call would need the token that fails.
        try (AppProcess app = AppProcess.start(mode, environment, log, "q/health/live", null)) {
            for (int i = 0; i < runs; i++) {
                awaitQuiet();
                int before = state.tokenRequests();
                AppProcess.Answer answer = app.call("POST", "registerCustomer", BODY, Duration.ofMinutes(5));
                millis.add(answer.millis());
                tokens.add((double) state.tokenRequests() - before);
                status = Integer.toString(answer.status());
                code = new ObjectMapper().readTree(answer.body()).path("error").path("code").asText();
            }
        } finally {
            state.failTokens(false);
        }
        line.accept(String.format("| %s | %s | %s | %s | %d |", status, code, Stats.of(millis).describe(0, "ms"),
                Stats.of(tokens).describe(0, ""), state.requests().size() - armBefore));
        line.accept("");
    }

    /** Until the identity endpoint has had no request for 8 s. */
    private void awaitQuiet() throws InterruptedException {
        int seen = state.tokenRequests();
        for (int quiet = 0, i = 0; quiet < 16 && i < 240; i++) {
            Thread.sleep(500);
            quiet = state.tokenRequests() == seen ? quiet + 1 : 0;
            seen = state.tokenRequests();
        }
    }
}
