package com.tenantregistrar.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantregistrar.bench.AppProcess.LaunchMode;
import com.tenantregistrar.emulator.EmulatedAzure;
import com.tenantregistrar.emulator.EmulatorState;
import com.tenantregistrar.emulator.PartnerCenterState;
import com.tenantregistrar.registration.Registration;
import com.tenantregistrar.webhook.SigningKit;

/**
 * The webhook's one-customer reconcile on large registrations: a signed subscription-updated event for a customer
 * with one Azure subscription, against registrations of a given size, counting the ARM requests the emulator
 * received for each event and timing the delivery's answer.
 */
final class WebhookBenchmark {

    private static final String TENANT = "dbab3982-796f-4d03-9908-044c08aef8a2";
    private static final String PLAN = "f1000000-0000-4000-8000-00000000000a";
    private static final String SUBSCRIPTION = "e09a4e93-29a7-4eba-a6d4-76202383f07f";
    private static final String CERTIFICATE = "/cert/bench-signer.cer";
    /** ARM's page of customer subscriptions in the emulator for this section. */
    private static final int PAGE = 1_000;

    private final EmulatedAzure azure;
    private final SigningKit signing;
    private final Map<String, String> environment;
    private final int runs;
    private final Consumer<String> line;

    /**
     * @param signing its root is in the trust store the app runs with
     * @param environment the app's settings, Partner Center connected
     */
    WebhookBenchmark(EmulatedAzure azure, SigningKit signing, Map<String, String> environment, int runs,
            Consumer<String> line) {
        this.azure = azure;
        this.signing = signing;
        this.environment = environment;
        this.runs = runs;
        this.line = line;
    }

    void run(LaunchMode mode, List<Registration> registrations, Path log) throws Exception {
        line.accept("## 9. Webhook one-customer reconcile");
        line.accept("");
        line.accept("A signed `subscription-updated` event (auto-register on) for a customer with one active Azure "
                + "plan holding one Azure subscription, on " + registrations.size() + " registrations of N other "
                + "entries each (ARM pages of " + PAGE + "). Per event: the ARM requests the emulator received, and "
                + "the delivery's answer time (median of " + runs + " events, range in brackets), the app warmed by "
                + "one event first. \"registered everywhere\": nothing to write; \"missing on one\": the customer's "
                + "entry is missing on one registration, whose list is read (the PUT must not unmap the tenant's "
                + "other subscription) before the PUT.");
        line.accept("");
        line.accept("| entries per registration | case | answer | ARM requests per event | time per event |");
        line.accept("|---|---|---|---|---|");
        Map<String, String> settings = new HashMap<>(environment);
        settings.putAll(Map.of(
                "REGISTRAR_WEBHOOK_AUTO_REGISTER", "true",
                "REGISTRAR_WEBHOOK_CERT_URL_PREFIXES", azure.armEndpoint() + "cert/",
                "REGISTRAR_WEBHOOK_CERT_ORGANIZATION", "Contoso Ltd",
                "REGISTRAR_WEBHOOK_MAX_EVENT_AGE", "1h"));
        try (AppProcess app = AppProcess.start(mode, settings, log)) {
            for (int entries : List.of(100, 10_000)) {
                measure(app, registrations, entries, false);
                measure(app, registrations, entries, true);
            }
        }
        line.accept("");
    }

    private void measure(AppProcess app, List<Registration> registrations, int entries, boolean missingOnOne)
            throws Exception {
        seed(registrations, entries, missingOnOne);
        deliver(app); // warm: the certificate, the tokens, the code paths
        List<Double> millis = new ArrayList<>();
        List<Double> calls = new ArrayList<>();
        String status = "";
        for (int i = 0; i < runs; i++) {
            seed(registrations, entries, missingOnOne);
            int before = azure.state().requests().size();
            AppProcess.Answer answer = deliver(app);
            calls.add((double) azure.state().requests().size() - before);
            millis.add(answer.millis());
            status = answer.status() + " " + new ObjectMapper().readTree(answer.body())
                    .path("status").asText();
        }
        line.accept(String.format("| %,d | %s | %s | %s | %s |", entries,
                missingOnOne ? "missing on one" : "registered everywhere", status,
                Stats.of(calls).describe(0, ""), Stats.of(millis).describe(0, "ms")));
    }

    /** The customer in Partner Center, and {@code entries} others on each registration; the customer's own entry. */
    private void seed(List<Registration> registrations, int entries, boolean missingOnOne) throws IOException {
        EmulatorState state = azure.state();
        PartnerCenterState partnerCenter = azure.partnerCenter();
        state.reset();
        state.pageSize(PAGE);
        state.publish(CERTIFICATE, signing.otherOrganization.der());
        partnerCenter.reset();
        partnerCenter.addCustomer(TENANT, "Contoso")
                .addSubscription(TENANT, PLAN, PartnerCenterState.AZURE_PLAN_OFFER, "active")
                .addAzureEntitlement(TENANT, PLAN, SUBSCRIPTION, "active");
        for (int r = 0; r < registrations.size(); r++) {
            for (int i = 0; i < entries; i++) {
                state.seed(registrations.get(r), String.format("0b%06d-0000-4000-8000-%012d", r, i),
                        String.format("0c%06d-0000-4000-8000-%012d", r, i));
            }
            if (!missingOnOne || r > 0) {
                state.seed(registrations.get(r), SUBSCRIPTION, TENANT);
            }
        }
    }

    private AppProcess.Answer deliver(AppProcess app) throws Exception {
        String body;
        try (InputStream event = getClass().getResourceAsStream("/partner-center/subscription-updated.json")) {
            body = new String(event.readAllBytes(), StandardCharsets.UTF_8).replace("{{CustomerId}}", TENANT)
                    .replace("{{SubscriptionId}}", PLAN)
                    .replace("2017-11-16T16:19:06.3520276+00:00", Instant.now().toString());
        }
        return app.call("POST", "partnerCenterWebhook", body, Map.of(
                "Authorization", "Signature " + signing.otherOrganization.sign(body),
                "X-MS-Signature-Algorithm", "rsa-sha256",
                "X-MS-Certificate-Url", azure.armEndpoint() + CERTIFICATE.substring(1)), Duration.ofMinutes(2));
    }
}
