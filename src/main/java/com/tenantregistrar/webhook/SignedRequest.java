package com.tenantregistrar.webhook;

import java.net.URI;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Function;

/**
 * The signature headers of a Partner Center webhook request: the signature, in {@code Authorization: Signature
 * <base64>} or in {@code x-ms-signature} (with or without the {@code Signature } prefix, as Partner Center sends
 * it with {@code SignatureTokenToMsSignatureHeader}); {@code X-MS-Signature-Algorithm: rsa-sha256}; and
 * {@code X-MS-Certificate-Url}.
 */
record SignedRequest(byte[] signature, URI certificateUrl) {

    private static final String SCHEME = "signature ";

    /**
     * Reads the headers.
     *
     * @param header looks a header up by name, case-insensitively
     * @param policy where a certificate may be fetched from
     * @throws InvalidSignatureException when one is missing or malformed, or names a certificate the policy refuses
     */
    static SignedRequest from(Function<String, String> header, CertificateUrlPolicy policy) {
        String signature = signatureValue(header);
        String algorithm = header.apply("X-MS-Signature-Algorithm");
        if (algorithm == null || !algorithm.trim().equalsIgnoreCase("rsa-sha256")) {
            throw new InvalidSignatureException("headers: X-MS-Signature-Algorithm is " + algorithm
                    + ", not rsa-sha256");
        }
        String url = header.apply("X-MS-Certificate-Url");
        if (url == null || url.isBlank()) {
            throw new InvalidSignatureException("headers: no X-MS-Certificate-Url");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidSignatureException("headers: the signature is not base64");
        }
        return new SignedRequest(decoded, policy.check(url.trim()));
    }

    private static String signatureValue(Function<String, String> header) {
        String authorization = header.apply("Authorization");
        if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
            return authorization.substring(SCHEME.length());
        }
        String msSignature = header.apply("x-ms-signature");
        if (msSignature != null && !msSignature.isBlank()) {
            String value = msSignature.trim();
            return value.toLowerCase(Locale.ROOT).startsWith(SCHEME) ? value.substring(SCHEME.length()) : value;
        }
        throw new InvalidSignatureException("headers: no 'Authorization: Signature' or x-ms-signature header");
    }
}
