package com.tenantregistrar.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.tenantregistrar.config.InvalidSettingException;
import com.tenantregistrar.config.RegistrarConfig;

import io.quarkus.runtime.Startup;

/**
 * Where a signing certificate may come from. The request names the URL, so anyone could name their own
 * certificate: only a plain https URL under one of the {@link CertificateUrlPin prefixes} is ever fetched. The
 * prefixes are parsed at start-up, so that a malformed one stops the app instead of refusing every event.
 */
@Startup
@ApplicationScoped
public class CertificateUrlPolicy {

    private final List<CertificateUrlPin> pins;

    @Inject
    public CertificateUrlPolicy(RegistrarConfig config) {
        this(parse(config.webhook().certUrlPrefixes()));
    }

    CertificateUrlPolicy(List<CertificateUrlPin> pins) {
        this.pins = List.copyOf(pins);
    }

    /**
     * Parses the setting's prefixes.
     *
     * @throws InvalidSettingException naming the setting and what is wrong
     */
    static List<CertificateUrlPin> parse(List<String> prefixes) {
        List<CertificateUrlPin> pins = prefixes.stream().map(String::trim).filter(p -> !p.isEmpty())
                .map(CertificateUrlPin::parse).toList();
        if (pins.isEmpty()) {
            throw new InvalidSettingException(CertificateUrlPin.SETTING + " is invalid: it names no prefix; "
                    + "for example " + CertificateUrlPin.EXAMPLE);
        }
        return pins;
    }

    /**
     * The URL a request names, if a certificate may be fetched from it.
     *
     * @throws InvalidSignatureException when it may not
     */
    URI check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidSignatureException("certificate URL: not a URI");
        }
        CertificateUrlPin.problemWith(uri).ifPresent(problem -> {
            throw new InvalidSignatureException("certificate URL: " + problem + ": " + url);
        });
        if (pins.stream().noneMatch(pin -> pin.admits(uri))) {
            throw new InvalidSignatureException("certificate URL: outside " + CertificateUrlPin.SETTING + ": " + url);
        }
        return uri;
    }
}
