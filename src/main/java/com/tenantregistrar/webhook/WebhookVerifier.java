package com.tenantregistrar.webhook;

import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.tenantregistrar.config.RegistrarConfig;

/**
 * Proves a webhook request comes from Partner Center, in this order and before its body is parsed: the headers,
 * the certificate URL against the allowed prefixes, the fetched certificate (validity, chain, organisation), and
 * the RSA-SHA256 signature over the raw body bytes.
 */
@ApplicationScoped
public class WebhookVerifier {

    private final RegistrarConfig.Webhook settings;
    private final SigningCertificateStore store;
    private final SigningCertificateValidator validator;

    @Inject
    public WebhookVerifier(RegistrarConfig config, SigningCertificateStore store, SigningCertificateValidator validator) {
        this.settings = config.webhook();
        this.store = store;
        this.validator = validator;
    }

    /**
     * @param header looks a request header up by name, case-insensitively
     * @param body the raw body, as received
     * @throws InvalidSignatureException naming the step that failed
     */
    public void verify(Function<String, String> header, byte[] body) {
        SignedRequest request = SignedRequest.from(header, settings.certUrlPrefixes());
        List<X509Certificate> certificates = store.certificates(request.certificateUrl());
        validator.validate(certificates, new Date());
        if (!RsaSha256.verifies(certificates.get(0).getPublicKey(), body, request.signature())) {
            throw new InvalidSignatureException("signature: does not match the body and the certificate's key");
        }
    }
}
