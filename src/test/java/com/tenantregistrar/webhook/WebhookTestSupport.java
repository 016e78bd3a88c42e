package com.tenantregistrar.webhook;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;

import com.tenantregistrar.EmulatedArmTest;
import com.tenantregistrar.drift.DesiredStateFile;
import com.tenantregistrar.emulator.PartnerCenterState;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Signed Partner Center deliveries, with signing certificates served by the emulated certificate store. */
abstract class WebhookTestSupport extends EmulatedArmTest {

    static final SigningKit KIT = new SigningKit();
    private static final AtomicInteger FILES = new AtomicInteger();
    private static final Pattern CHANGE_DATE = Pattern.compile("(\"ResourceChangeUtcDate\"\\s*:\\s*\")[^\"]*\"");

    @ConfigProperty(name = "registrar.emulator.arm-port")
    int storePort;

    @BeforeEach
    void trustTheTestRoot() {
        arm.trustSigner(KIT.root.certificate());
    }

    /** Serves the certificate at a new path (the app caches certificates per URL) and answers its URL. */
    String publish(String folder, byte[] certificate) {
        String path = "/" + folder + "/signer-" + FILES.incrementAndGet() + ".cer";
        arm.publish(path, certificate);
        return store() + path;
    }

    String publish(SigningKit.Signer signer) {
        return publish("cert", signer.der());
    }

    String store() {
        return "https://localhost:" + storePort;
    }

    /**
     * An empty manifest, and Partner Center reset to TENANT ("Contoso") with the active Azure {@code plan} holding
     * its one active Azure subscription SUBSCRIPTION.
     */
    static PartnerCenterState customerWithAzurePlan(PartnerCenterState partnerCenter, String plan) {
        DesiredStateFile.write("{\"customers\": []}");
        partnerCenter.reset();
        return partnerCenter.addCustomer(TENANT, "Contoso")
                .addSubscription(TENANT, plan, PartnerCenterState.AZURE_PLAN_OFFER, "active")
                .addAzureEntitlement(TENANT, plan, SUBSCRIPTION, "active");
    }

    static RequestSpecification delivery(String body) {
        return given().contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8));
    }

    /** A delivery as Partner Center sends it: Authorization: Signature, the algorithm and the certificate URL. */
    static RequestSpecification signed(String body, SigningKit.Signer signer, String certificateUrl) {
        return signed(body, signer, certificateUrl, "rsa-sha256");
    }

    static RequestSpecification signed(String body, SigningKit.Signer signer, String certificateUrl, String algorithm) {
        return delivery(body)
                .header("Authorization", "Signature " + signer.sign(body))
                .header("X-MS-Certificate-Url", certificateUrl)
                .header("X-MS-Signature-Algorithm", algorithm);
    }

    /** A file of src/test/resources/partner-center. */
    static byte[] resourceBytes(String name) {
        try (InputStream in = WebhookTestSupport.class.getResourceAsStream("/partner-center/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        return new String(resourceBytes(name), StandardCharsets.UTF_8);
    }

    /**
     * A sample event of src/test/resources/partner-center changed just now: the samples date from 2017 and 2018,
     * older than REGISTRAR_WEBHOOK_MAX_EVENT_AGE, so the app would not act on them as they are.
     */
    static String event(String name) {
        return changedAt(resource(name), Instant.now());
    }

    /** {@code event} with its ResourceChangeUtcDate set to {@code at}, written as Partner Center writes it. */
    static String changedAt(String event, Instant at) {
        Matcher date = CHANGE_DATE.matcher(event);
        if (!date.find()) {
            throw new IllegalArgumentException("no ResourceChangeUtcDate in " + event);
        }
        return date.replaceFirst("$1" + at.atOffset(ZoneOffset.UTC).toLocalDateTime() + "+00:00\"");
    }

    /** The doc's subscription-updated event for this customer (tenant) and subscription, changed just now. */
    static String subscriptionUpdated(String tenant, String subscription) {
        return event("subscription-updated.json").replace("{{CustomerId}}", tenant)
                .replace("{{SubscriptionId}}", subscription);
    }
}
