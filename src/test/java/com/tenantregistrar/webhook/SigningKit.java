package com.tenantregistrar.webhook;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made at run time for the webhook tests: a root CA of "Microsoft Corporation" and signing
 * certificates it issues (or that nobody issues), with their keys, and Partner Center-style signatures.
 */
public final class SigningKit {

    /** A certificate with its private key. */
    public record Signer(X509Certificate certificate, PrivateKey key) {

        /** base64(RSASSA-PKCS1-v1_5(SHA-256, body)), as in {@code Authorization: Signature <value>}. */
        public String sign(String body) {
            try {
                Signature signature = Signature.getInstance("SHA256withRSA");
                signature.initSign(key);
                signature.update(body.getBytes(StandardCharsets.UTF_8));
                return Base64.getEncoder().encodeToString(signature.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        public byte[] der() {
            try {
                return certificate.getEncoded();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    public final Signer root = issue("CN=Test Partner Center Root, O=Microsoft Corporation", null, Duration.ZERO, true);
    final Signer signer = issue("CN=pcnotifications-dispatch.microsoft.com, O=Microsoft Corporation", root,
            Duration.ZERO, false);
    /** Another key of the same name and root, as after Partner Center rotates its signing certificate. */
    final Signer rotated = issue("CN=pcnotifications-dispatch.microsoft.com, O=Microsoft Corporation", root,
            Duration.ZERO, false);
    final Signer selfSigned = issue("CN=pcnotifications-dispatch.microsoft.com, O=Microsoft Corporation", null,
            Duration.ZERO, false);
    public final Signer otherOrganization = issue("CN=pcnotifications-dispatch.microsoft.com, O=Contoso Ltd", root,
            Duration.ZERO, false);
    final Signer expired = issue("CN=pcnotifications-dispatch.microsoft.com, O=Microsoft Corporation", root,
            Duration.ofDays(400), false);

    /** Issues a certificate; {@code issuer} null makes it self-signed; {@code age} shifts its validity into the past. */
    private static Signer issue(String subject, Signer issuer, Duration age, boolean ca) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            Instant notBefore = Instant.now().minus(Duration.ofDays(1)).minus(age);
            Instant notAfter = notBefore.plus(Duration.ofDays(365));
            X500Name issuerName = issuer == null ? new X500Name(subject)
                    : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                    new X500Name(subject), keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
            PrivateKey signingKey = issuer == null ? keys.getPrivate() : issuer.key();
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signingKey)));
            return new Signer(certificate, keys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
