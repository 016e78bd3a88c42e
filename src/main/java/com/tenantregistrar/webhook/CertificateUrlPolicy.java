package com.tenantregistrar.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * Where a signing certificate may come from. The request names the URL, so anyone could name their own
 * certificate: only an https URL under one of the configured prefixes, without user info, query or fragment, is
 * ever fetched.
 */
final class CertificateUrlPolicy {

    private CertificateUrlPolicy() {
    }

    static URI check(String url, List<String> allowedPrefixes) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidSignatureException("certificate URL: not a URI");
        }
        if (!"https".equals(uri.getScheme())) {
            throw new InvalidSignatureException("certificate URL: not https: " + url);
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidSignatureException("certificate URL: has user info, a query or a fragment: " + url);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        // Encoded characters and dot segments could step out of an allowed folder after the prefix check.
        if (path.contains("%") || path.contains("/./") || path.contains("/../") || path.endsWith("/..")) {
            throw new InvalidSignatureException("certificate URL: encoded characters or dot segments: " + url);
        }
        String normalized = uri.normalize().toString();
        if (allowedPrefixes.stream().map(String::trim).noneMatch(prefix -> !prefix.isEmpty()
                && normalized.startsWith(prefix))) {
            throw new InvalidSignatureException("certificate URL: outside REGISTRAR_WEBHOOK_CERT_URL_PREFIXES: " + url);
        }
        return uri;
    }
}
