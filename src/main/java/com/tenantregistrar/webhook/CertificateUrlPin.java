package com.tenantregistrar.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.tenantregistrar.config.InvalidSettingException;

/**
 * One entry of {@code REGISTRAR_WEBHOOK_CERT_URL_PREFIXES}, parsed into the parts a certificate URL is compared
 * with: https, the exact host (case-insensitive), the port (443 when none is written) and a folder compared segment
 * by segment. A string prefix would let {@code https://3psostorageacct.blob.core.windows.net} admit
 * {@code https://3psostorageacct.blob.core.windows.net.attacker.example/…}, and {@code /cert} admit
 * {@code /certificates/…}.
 *
 * @param folder the path segments a certificate URL's path must start with
 */
record CertificateUrlPin(String host, int port, List<String> folder) {

    static final String SETTING = "REGISTRAR_WEBHOOK_CERT_URL_PREFIXES";
    static final String EXAMPLE = "https://3psostorageacct.blob.core.windows.net/cert/";
    private static final int HTTPS_PORT = 443;

    /**
     * Parses one prefix of the setting.
     *
     * @throws InvalidSettingException naming the setting, what is wrong and an example
     */
    static CertificateUrlPin parse(String prefix) {
        URI uri;
        try {
            uri = new URI(prefix);
        } catch (URISyntaxException e) {
            throw invalid(prefix, "is not a URL");
        }
        problemWith(uri).ifPresent(problem -> {
            throw invalid(prefix, problem);
        });
        return new CertificateUrlPin(uri.getHost().toLowerCase(Locale.ROOT), port(uri), segments(uri.getRawPath()));
    }

    /**
     * What makes {@code uri} unfit to name a certificate location, if anything: the same rules for the configured
     * prefixes and for the URL a request names.
     */
    static Optional<String> problemWith(URI uri) {
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            return Optional.of("is not https");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of("has user info, a query or a fragment");
        }
        // Null too for an authority that is not host[:port], such as "host:443.attacker.example".
        if (uri.getHost() == null) {
            return Optional.of("has no host name");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        // Encoded characters and dot segments could step out of a folder after the comparison.
        if (path.contains("%") || segments(path).stream().anyMatch(s -> s.equals(".") || s.equals(".."))) {
            return Optional.of("has encoded characters or dot segments");
        }
        return Optional.empty();
    }

    /** Whether {@code url}, free of {@link #problemWith problems}, lies under this prefix. */
    boolean admits(URI url) {
        List<String> path = segments(url.getRawPath());
        return host.equalsIgnoreCase(url.getHost()) && port == port(url)
                && path.size() >= folder.size() && path.subList(0, folder.size()).equals(folder);
    }

    private static int port(URI uri) {
        return uri.getPort() == -1 ? HTTPS_PORT : uri.getPort();
    }

    /** "/cert/" and "/cert" are both ["cert"]; "" and "/" are []. */
    private static List<String> segments(String rawPath) {
        String[] parts = rawPath == null ? new String[0] : rawPath.split("/");
        return parts.length <= 1 ? List.of() : List.of(parts).subList(1, parts.length);
    }

    private static InvalidSettingException invalid(String prefix, String problem) {
        return new InvalidSettingException(SETTING + " is invalid: '" + prefix + "' " + problem
                + "; write each prefix as https://<host>[:<port>]/<folder>/, for example " + EXAMPLE);
    }
}
