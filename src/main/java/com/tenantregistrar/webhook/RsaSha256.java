package com.tenantregistrar.webhook;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/** RSASSA-PKCS1-v1_5 with SHA-256, as Partner Center signs a webhook's raw body. */
final class RsaSha256 {

    private RsaSha256() {
    }

    static boolean verifies(PublicKey key, byte[] body, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(body);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
