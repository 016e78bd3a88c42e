package com.tenantregistrar.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.vertx.core.json.JsonObject;

/**
 * Access tokens for Azure Storage as Entra ID issues them to a managed identity: JWTs with the claims Azurite checks
 * in its {@code --oauth basic} mode (an {@code iss} of Entra's {@code https://sts.windows.net/<tenant>/}, an
 * {@code aud} it accepts such as {@code https://storage.azure.com/}, and {@code iat}, {@code nbf}, {@code exp}),
 * and the identity's {@code oid}, {@code tid} and {@code appid}. Azurite does not check the signature; it is an
 * HMAC with a key of this emulator's own, so that a token has the three parts of a signed JWT.
 */
final class StorageToken {

    /** The tenant of the emulated managed identities. */
    static final String TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = encode(new JsonObject().put("alg", "HS256").put("typ", "JWT"));

    private final SecretKeySpec key;

    StorageToken() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** A token for {@code audience}, valid until {@code expires}, of the identity with this client ID. */
    String issue(String audience, String clientId, Instant expires) {
        long now = Instant.now().getEpochSecond();
        String objectId = UUID.nameUUIDFromBytes(clientId.getBytes(StandardCharsets.UTF_8)).toString();
        String payload = encode(new JsonObject()
                .put("aud", audience)
                .put("iss", "https://sts.windows.net/" + TENANT_ID + "/")
                // Entra back-dates both by five minutes, for clock skew.
                .put("iat", now - 300)
                .put("nbf", now - 300)
                .put("exp", expires.getEpochSecond())
                .put("appid", clientId)
                .put("oid", objectId)
                .put("sub", objectId)
                .put("tid", TENANT_ID)
                .put("idtyp", "app")
                .put("ver", "1.0"));
        String signed = HEADER + "." + payload;
        return signed + "." + BASE64URL.encodeToString(hmac(signed));
    }

    private byte[] hmac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(JsonObject json) {
        return BASE64URL.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
    }
}
