package com.tenantregistrar.webhook;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.tenantregistrar.LogCapture;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Every delivery is proven to come from Partner Center before its body is read; anything else is 401
 * InvalidSignature with no ARM call. REGISTRAR_WEBHOOK_AUTO_REGISTER is off in this profile.
 */
@QuarkusTest
class WebhookVerificationTest extends WebhookTestSupport {

    private static final String TEST_CREATED = event("synthetic-test-vector/body.json");

    @RegisterExtension
    final LogCapture log = new LogCapture();

    @AfterEach
    void noArmCall() {
        assertEquals(0, armCalls().size(), "the webhook reached ARM");
    }

    private static void refused(ValidatableResponse response) {
        response.statusCode(401).contentType("application/json")
                .body("error.code", equalTo("InvalidSignature"))
                .body("error.message", equalTo("The request's signature could not be verified as Partner Center's."));
    }

    @Test
    void aSignedTestEventIsAcknowledged() {
        signed(TEST_CREATED, KIT.signer, publish(KIT.signer)).post("/partnerCenterWebhook")
                .then().statusCode(200).contentType("application/json").body("status", equalTo("acknowledged"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "Signature ", "" })
    void theSignatureMayComeInXMsSignatureWithOrWithoutItsScheme(String scheme) {
        delivery(TEST_CREATED)
                .header("x-ms-signature", scheme + KIT.signer.sign(TEST_CREATED))
                .header("X-MS-Certificate-Url", publish(KIT.signer))
                .header("X-MS-Signature-Algorithm", "rsa-sha256")
                .post("/partnerCenterWebhook").then().statusCode(200).body("status", equalTo("acknowledged"));
    }

    @Test
    void aTamperedBodyIsRefusedWithoutFetchingTheJustFetchedCertificateAgain() {
        String url = publish(KIT.signer);
        String signature = KIT.signer.sign(TEST_CREATED);
        refused(delivery(TEST_CREATED.replace("test-created", "subscription-updated"))
                .header("Authorization", "Signature " + signature)
                .header("X-MS-Certificate-Url", url).header("X-MS-Signature-Algorithm", "rsa-sha256")
                .post("/partnerCenterWebhook").then());
        assertEquals(1, arm.blobRequests().size(), arm.blobRequests().toString());
    }

    @Test
    void aCertificateRotatedAtTheSameUrlIsFetchedOnceMoreAndAccepted() {
        String url = publish(KIT.signer);
        signed(TEST_CREATED, KIT.signer, url).post("/partnerCenterWebhook").then().statusCode(200);
        arm.publish(URI.create(url).getPath(), KIT.rotated.der());

        signed(TEST_CREATED, KIT.rotated, url).post("/partnerCenterWebhook")
                .then().statusCode(200).body("status", equalTo("acknowledged"));
        assertEquals(2, arm.blobRequests().size(), arm.blobRequests().toString());

        // The key rotated away no longer verifies, and another mismatch right after fetches nothing more.
        refused(signed(TEST_CREATED, KIT.signer, url).post("/partnerCenterWebhook").then());
        assertEquals(2, arm.blobRequests().size(), arm.blobRequests().toString());
    }

    @Test
    void aSignatureThatMatchesNeitherTheKeptNorTheRefetchedCertificateIsRefused() {
        String url = publish(KIT.signer);
        signed(TEST_CREATED, KIT.signer, url).post("/partnerCenterWebhook").then().statusCode(200);
        refused(signed(TEST_CREATED, KIT.rotated, url).post("/partnerCenterWebhook").then());
        assertEquals(2, arm.blobRequests().size(), arm.blobRequests().toString());
    }

    @Test
    void theSignatureCoversTheRawBytesNotTheJson() {
        String url = publish(KIT.signer);
        String signature = KIT.signer.sign(TEST_CREATED);
        refused(delivery(TEST_CREATED + "\n")
                .header("Authorization", "Signature " + signature)
                .header("X-MS-Certificate-Url", url).header("X-MS-Signature-Algorithm", "rsa-sha256")
                .post("/partnerCenterWebhook").then());
    }

    @ParameterizedTest
    @ValueSource(strings = { "rsa-sha1", "hmac-sha256", "" })
    void anotherAlgorithmIsRefused(String algorithm) {
        refused(signed(TEST_CREATED, KIT.signer, publish(KIT.signer), algorithm).post("/partnerCenterWebhook").then());
    }

    @Test
    void aRepeatedSignatureHeaderIsRefused() {
        String elsewhere = publish("other", KIT.signer.der());
        refused(signed(TEST_CREATED, KIT.signer, publish(KIT.signer)).header("X-MS-Certificate-Url", elsewhere)
                .post("/partnerCenterWebhook").then());
        assertEquals(List.of(), arm.blobRequests());
    }

    @ParameterizedTest
    @ValueSource(strings = { "Authorization", "X-MS-Certificate-Url", "X-MS-Signature-Algorithm" })
    void aMissingHeaderIsRefused(String missing) {
        String url = publish(KIT.signer);
        var request = delivery(TEST_CREATED);
        if (!missing.equals("Authorization")) {
            request.header("Authorization", "Signature " + KIT.signer.sign(TEST_CREATED));
        }
        if (!missing.equals("X-MS-Certificate-Url")) {
            request.header("X-MS-Certificate-Url", url);
        }
        if (!missing.equals("X-MS-Signature-Algorithm")) {
            request.header("X-MS-Signature-Algorithm", "rsa-sha256");
        }
        refused(request.post("/partnerCenterWebhook").then());
    }

    @Test
    void aCertificateOutsideTheAllowedPrefixesIsNeverFetched() {
        String elsewhere = publish("other", KIT.signer.der());
        refused(signed(TEST_CREATED, KIT.signer, elsewhere).post("/partnerCenterWebhook").then());
        assertEquals(List.of(), arm.blobRequests());
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://localhost:%d/cert/signer.cer", "https://user@localhost:%d/cert/signer.cer",
            "https://localhost:%d/cert/signer.cer?sig=1", "https://localhost:%d/cert/../other/signer.cer",
            "https://localhost:%d/cert/%%2e%%2e/other/signer.cer", "not a url" })
    void aCertificateUrlThatIsNotPlainHttpsUnderAPrefixIsNeverFetched(String template) {
        arm.publish("/other/signer.cer", KIT.signer.der());
        arm.publish("/cert/signer.cer", KIT.signer.der());
        refused(signed(TEST_CREATED, KIT.signer, String.format(template, storePort)).post("/partnerCenterWebhook")
                .then());
        assertEquals(List.of(), arm.blobRequests());
    }

    @Test
    void aCertificateUrlThatAnswers404IsRefusedWithoutAnErrorOrAStackTrace() {
        refused(signed(TEST_CREATED, KIT.signer, store() + "/cert/gone.cer").post("/partnerCenterWebhook").then());
        assertEquals(List.of("/cert/gone.cer"), arm.blobRequests());
        // Not the operator's to act on at once: no ERROR, and no stack trace from the HTTP client or the cache.
        assertEquals(List.of(), log.atLeast(Level.SEVERE), log.lines().toString());
        assertTrue(log.lines().stream().allMatch(line -> line.stackTrace() == null), log.lines().toString());
        assertTrue(log.atLeast(Level.WARNING).stream().anyMatch(line -> line.message().contains("answered 404")),
                log.lines().toString());
    }

    @Test
    void aRedirectIsNotFollowed() {
        String target = publish(KIT.signer);
        arm.redirect("/cert/moved.cer", target);
        refused(signed(TEST_CREATED, KIT.signer, store() + "/cert/moved.cer").post("/partnerCenterWebhook").then());
        assertEquals(List.of("/cert/moved.cer"), arm.blobRequests());
    }

    @Test
    void aCertificateThatDoesNotChainToATrustedRootIsRefused() {
        refused(signed(TEST_CREATED, KIT.selfSigned, publish(KIT.selfSigned)).post("/partnerCenterWebhook").then());
    }

    @Test
    void aCertificateOfAnotherOrganizationIsRefused() {
        refused(signed(TEST_CREATED, KIT.otherOrganization, publish(KIT.otherOrganization))
                .post("/partnerCenterWebhook").then());
    }

    @Test
    void anExpiredCertificateIsRefused() {
        refused(signed(TEST_CREATED, KIT.expired, publish(KIT.expired)).post("/partnerCenterWebhook").then());
    }

    @Test
    void theSelfMadeTestVectorIsRefusedForItsChainAndOrganization() {
        String url = publish("cert", resourceBytes("synthetic-test-vector/synthetic-cert.cer"));
        refused(delivery(resource("synthetic-test-vector/body.json"))
                .header("Authorization", "Signature " + resource("synthetic-test-vector/signature.b64"))
                .header("X-MS-Certificate-Url", url).header("X-MS-Signature-Algorithm", "rsa-sha256")
                .post("/partnerCenterWebhook").then());
    }

    @Test
    void anOversizedBodyIs413BeforeAnyWork() {
        String body = "{\"EventName\": \"test-created\", \"pad\": \"" + "x".repeat(65 * 1024) + "\"}";
        signed(body, KIT.signer, publish(KIT.signer)).post("/partnerCenterWebhook")
                .then().statusCode(413).body("error.code", equalTo("RequestTooLarge"));
        assertEquals(List.of(), arm.blobRequests());
    }

    @Test
    void aBurstOfEventsFetchesTheCertificateOnce() throws Exception {
        String url = publish(KIT.signer);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> deliveries = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                deliveries.add(() -> signed(TEST_CREATED, KIT.signer, url).post("/partnerCenterWebhook").statusCode());
            }
            for (Future<Integer> status : pool.invokeAll(deliveries)) {
                assertEquals(200, status.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, arm.blobRequests().size(), arm.blobRequests().toString());
    }

    @Test
    void otherVerifiedEventsAreIgnored() {
        String invoiceReady = event("invoice-ready.json");
        signed(invoiceReady, KIT.signer, publish(KIT.signer)).post("/partnerCenterWebhook")
                .then().statusCode(200).body("status", equalTo("ignored"));
    }

    @Test
    void subscriptionUpdatedIsIgnoredWhileAutoRegisterIsOff() {
        String event = subscriptionUpdated(TENANT, SUBSCRIPTION);
        signed(event, KIT.signer, publish(KIT.signer)).post("/partnerCenterWebhook")
                .then().statusCode(200).body("status", equalTo("ignored"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "not json", "[1, 2]", "{\"ResourceUri\": \"x\"}" })
    void aVerifiedBodyThatIsNotAnEventIs400(String body) {
        signed(body, KIT.signer, publish(KIT.signer)).post("/partnerCenterWebhook")
                .then().statusCode(400).body("error.code", equalTo("InvalidRequest"));
    }

    @Test
    void nothingIsFetchedForAnUnsignedRequest() {
        refused(delivery(TEST_CREATED).post("/partnerCenterWebhook").then());
        assertTrue(arm.blobRequests().isEmpty());
    }
}
