package com.tenantregistrar.webhook;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Set;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.security.auth.x500.X500Principal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.tenantregistrar.config.RegistrarConfig;

/**
 * Checks that a signing certificate is Partner Center's: within its validity period, chaining (PKIX) to a trusted
 * root through the certificates served with it, and issued to the configured organisation. Revocation is not
 * checked: that would mean fetching CRLs or OCSP answers from further URLs the request could influence.
 */
@ApplicationScoped
public class SigningCertificateValidator {

    private final SignerTrustAnchors trust;
    private final String organization;

    @Inject
    public SigningCertificateValidator(SignerTrustAnchors trust, RegistrarConfig config) {
        this.trust = trust;
        this.organization = config.webhook().certOrganization();
    }

    /** Validates {@code certificates} (the signer first) as of {@code now}. */
    void validate(List<X509Certificate> certificates, Date now) {
        X509Certificate signer = certificates.get(0);
        try {
            signer.checkValidity(now);
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new InvalidSignatureException("certificate: outside its validity period (" + e.getMessage() + ")");
        }
        if (!organization.equals(organizationOf(signer.getSubjectX500Principal()))) {
            throw new InvalidSignatureException("certificate: subject " + signer.getSubjectX500Principal()
                    + " is not issued to O=" + organization);
        }
        chain(signer, certificates, now);
    }

    private void chain(X509Certificate signer, List<X509Certificate> certificates, Date now) {
        Set<TrustAnchor> anchors = trust.anchors();
        if (anchors.isEmpty()) {
            throw new InvalidSignatureException("certificate: no trusted roots are configured");
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(signer);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            parameters.setRevocationEnabled(false);
            parameters.setDate(now);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(certificates)));
            CertPathBuilder.getInstance("PKIX").build(parameters);
        } catch (GeneralSecurityException e) {
            throw new InvalidSignatureException("certificate: does not chain to a trusted root (" + e.getMessage() + ")");
        }
    }

    private static String organizationOf(X500Principal subject) {
        try {
            return new LdapName(subject.getName(X500Principal.RFC2253)).getRdns().stream()
                    .filter(rdn -> rdn.getType().equalsIgnoreCase("O"))
                    .map(rdn -> String.valueOf(rdn.getValue()))
                    .findFirst().orElse(null);
        } catch (InvalidNameException e) {
            return null;
        }
    }
}
