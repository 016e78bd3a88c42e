package com.tenantregistrar.webhook;

import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Proves a webhook request comes from Partner Center, in this order and before its body is parsed: the headers,
 * the certificate URL against the allowed prefixes, the fetched certificate (validity, chain, organisation), and
 * the RSA-SHA256 signature over the raw body bytes. When a kept certificate fails, it is fetched once more: Partner
 * Center may have rotated it at the same URL.
 */
@ApplicationScoped
public class WebhookVerifier {

    private final CertificateUrlPolicy policy;
    private final SigningCertificateStore store;
    private final SigningCertificateValidator validator;

    @Inject
    public WebhookVerifier(CertificateUrlPolicy policy, SigningCertificateStore store,
            SigningCertificateValidator validator) {
        this.policy = policy;
        this.store = store;
        this.validator = validator;
    }

    /**
     * @param header looks a request header up by name, case-insensitively
     * @param body the raw body, as received
     * @throws InvalidSignatureException naming the step that failed
     */
    public void verify(Function<String, String> header, byte[] body) {
        SignedRequest request = SignedRequest.from(header, policy);
        SigningCertificateStore.Lookup lookup = store.certificates(request.certificateUrl());
        try {
            verify(lookup.certificates(), request, body);
        } catch (InvalidSignatureException failure) {
            if (!lookup.kept()) {
                throw failure;
            }
            verify(store.refetch(request.certificateUrl(), lookup.certificates()).orElseThrow(() -> failure),
                    request, body);
        }
    }

    private void verify(List<X509Certificate> certificates, SignedRequest request, byte[] body) {
        validator.validate(certificates, new Date());
        if (!RsaSha256.verifies(certificates.get(0).getPublicKey(), body, request.signature())) {
            throw new InvalidSignatureException("signature: does not match the body and the certificate's key");
        }
    }
}
