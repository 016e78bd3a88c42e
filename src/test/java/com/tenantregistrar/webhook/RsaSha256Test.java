package com.tenantregistrar.webhook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** The signature step on the fixed, self-made vector in src/test/resources/partner-center/synthetic-test-vector. */
class RsaSha256Test {

    private static PublicKey key() throws Exception {
        return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(
                WebhookTestSupport.resourceBytes("synthetic-test-vector/synthetic-cert.pem"))).getPublicKey();
    }

    private static byte[] signature() {
        return Base64.getDecoder().decode(WebhookTestSupport.resource("synthetic-test-vector/signature.b64").trim());
    }

    @Test
    void verifiesTheVectorsSignatureOverItsRawBytes() throws Exception {
        assertTrue(RsaSha256.verifies(key(), WebhookTestSupport.resourceBytes("synthetic-test-vector/body.json"),
                signature()));
    }

    @Test
    void theSameJsonReformattedDoesNotVerify() throws Exception {
        String body = WebhookTestSupport.resource("synthetic-test-vector/body.json");
        assertFalse(RsaSha256.verifies(key(), body.replace(",", ", ").getBytes(StandardCharsets.UTF_8), signature()));
        assertFalse(RsaSha256.verifies(key(), (body + "\n").getBytes(StandardCharsets.UTF_8), signature()));
    }
}
