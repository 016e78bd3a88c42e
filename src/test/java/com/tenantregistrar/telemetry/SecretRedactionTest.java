package com.tenantregistrar.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;

/** What {@link SecretRedaction} lets through, and what it keeps out of telemetry. */
class SecretRedactionTest {

    private static String kept(Attributes attributes, String key) {
        return SecretRedaction.redact(attributes).get(AttributeKey.stringKey(key));
    }

    @Test
    void aRequestsQueryIsDroppedAndCutFromItsUrl() {
        Attributes span = Attributes.builder().put("url.query", "code=fk-secret").put("url.path", "/checkDrift")
                .put("url.full", "https://app.example/checkDrift?code=fk-secret&x=1").build();
        assertNull(kept(span, "url.query"));
        assertEquals("/checkDrift", kept(span, "url.path"));
        assertEquals("https://app.example/checkDrift", kept(span, "url.full"));
    }

    @Test
    void attributesNamedLikeSecretsAreDroppedButStatusCodesKept() {
        Attributes span = Attributes.builder().put("http.request.header.authorization", "Bearer abc")
                .put("x-functions-key", "k").put("client_secret", "s").put("registrar.token", "t")
                .put(AttributeKey.longKey("http.response.status_code"), 403L)
                .put("registrar.correlation_id", "c-1").build();
        Attributes redacted = SecretRedaction.redact(span);
        assertEquals(2, redacted.size(), redacted.toString());
        assertEquals(403L, redacted.get(AttributeKey.longKey("http.response.status_code")));
        assertEquals("c-1", redacted.get(AttributeKey.stringKey("registrar.correlation_id")));
    }

    @Test
    void valuesThatLookLikeTokensOrKeysAreReplaced() {
        assertEquals(SecretRedaction.REDACTED, SecretRedaction.redactValue("Bearer eyJhbGciOi.eyJzdWIiOi.sig"));
        assertEquals(SecretRedaction.REDACTED, SecretRedaction.redactValue("eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0"));
        assertEquals(SecretRedaction.REDACTED,
                SecretRedaction.redactValue("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=abc=="));
        assertEquals("POST /registerCustomer", SecretRedaction.redactValue("POST /registerCustomer"));
    }
}
