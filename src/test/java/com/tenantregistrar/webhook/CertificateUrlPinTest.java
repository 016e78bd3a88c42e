package com.tenantregistrar.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.tenantregistrar.config.InvalidSettingException;

/**
 * REGISTRAR_WEBHOOK_CERT_URL_PREFIXES parsed into scheme, host, port and folder, and certificate URLs compared
 * with those parts; {@code CertificateUrlPrefixesTest} shows the same through the webhook, and
 * {@code PackagedAppIT} a malformed prefix stopping the app.
 */
class CertificateUrlPinTest {

    private static boolean admits(String prefixes, String url) {
        CertificateUrlPolicy policy = new CertificateUrlPolicy(CertificateUrlPolicy.parse(List.of(prefixes.split(","))));
        try {
            policy.check(url);
            return true;
        } catch (InvalidSignatureException refused) {
            return false;
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // A prefix written without its path is a host, not a string prefix.
            "https://3psostorageacct.blob.core.windows.net | https://3psostorageacct.blob.core.windows.net/cert/a.cer | true",
            "https://3psostorageacct.blob.core.windows.net | https://3psostorageacct.blob.core.windows.net.attacker.example/cert/a.cer | false",
            "https://3psostorageacct.blob.core.windows.net | https://3psostorageacct.blob.core.windows.net:443.attacker.example/a.cer | false",
            "https://3psostorageacct.blob.core.windows.net/cert/ | https://evil3psostorageacct.blob.core.windows.net/cert/a.cer | false",
            // Host names compare case-insensitively.
            "https://3PSOSTORAGEACCT.blob.core.windows.net/cert/ | https://3psostorageacct.BLOB.core.windows.net/cert/a.cer | true",
            // :443 is the default port, written or not; any other port is another server.
            "https://3psostorageacct.blob.core.windows.net/cert/ | https://3psostorageacct.blob.core.windows.net:443/cert/a.cer | true",
            "https://3psostorageacct.blob.core.windows.net:443/cert/ | https://3psostorageacct.blob.core.windows.net/cert/a.cer | true",
            "https://3psostorageacct.blob.core.windows.net/cert/ | https://3psostorageacct.blob.core.windows.net:8443/cert/a.cer | false",
            "https://localhost:8443/cert/ | https://localhost/cert/a.cer | false",
            "https://localhost:8443/cert/ | https://localhost:8443/cert/a.cer | true",
            // The folder compares segment by segment, with or without its trailing slash.
            "https://3psostorageacct.blob.core.windows.net/cert/ | https://3psostorageacct.blob.core.windows.net/certificates/a.cer | false",
            "https://3psostorageacct.blob.core.windows.net/cert | https://3psostorageacct.blob.core.windows.net/certificates/a.cer | false",
            "https://3psostorageacct.blob.core.windows.net/cert | https://3psostorageacct.blob.core.windows.net/cert/a.cer | true",
            "https://3psostorageacct.blob.core.windows.net/cert/ | https://3psostorageacct.blob.core.windows.net/cert/sub/a.cer | true",
            "https://3psostorageacct.blob.core.windows.net/cert/ | https://3psostorageacct.blob.core.windows.net/Cert/a.cer | false",
            "https://3psostorageacct.blob.core.windows.net/cert/a.cer | https://3psostorageacct.blob.core.windows.net/cert/a.cer | true",
            "https://3psostorageacct.blob.core.windows.net/cert/a.cer | https://3psostorageacct.blob.core.windows.net/cert/a.cer.evil | false",
            // Any of several prefixes; the request's URL itself must be plain https.
            "https://a.example/x/,https://b.example/y/ | https://b.example/y/a.cer | true",
            "https://3psostorageacct.blob.core.windows.net/cert/ | http://3psostorageacct.blob.core.windows.net/cert/a.cer | false",
            "https://3psostorageacct.blob.core.windows.net/cert/ | https://3psostorageacct.blob.core.windows.net/cert/../a.cer | false" })
    void aCertificateUrlIsComparedWithTheSchemeHostPortAndFolderOfEachPrefix(String prefixes, String url,
            boolean admitted) {
        assertEquals(admitted, admits(prefixes, url), prefixes + " admits " + url);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://3psostorageacct.blob.core.windows.net/cert/      | is not https",
            "3psostorageacct.blob.core.windows.net/cert/             | is not https",
            "https://user@3psostorageacct.blob.core.windows.net/cert/ | has user info, a query or a fragment",
            "https://3psostorageacct.blob.core.windows.net/cert/?sv=1 | has user info, a query or a fragment",
            "https://3psostorageacct.blob.core.windows.net/cert/#x    | has user info, a query or a fragment",
            "https:///cert/                                          | has no host name",
            "https://host:443.attacker.example/cert/                 | has no host name",
            "https://3psostorageacct.blob.core.windows.net/cert/../x/ | has encoded characters or dot segments",
            "https://3psostorageacct.blob.core.windows.net/c%65rt/   | has encoded characters or dot segments",
            "https://3psostorageacct.blob.core.windows.net/ce rt/    | is not a URL" })
    void aMalformedPrefixIsRefusedNamingTheSettingAndAnExample(String prefix, String problem) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> CertificateUrlPolicy.parse(List.of("https://3psostorageacct.blob.core.windows.net/cert/", prefix)));
        assertEquals("REGISTRAR_WEBHOOK_CERT_URL_PREFIXES is invalid: '" + prefix + "' " + problem
                + "; write each prefix as https://<host>[:<port>]/<folder>/, for example "
                + "https://3psostorageacct.blob.core.windows.net/cert/", e.getMessage());
        assertTrue(e.getMessage().lines().count() == 1);
    }

    @Test
    void noPrefixAtAllIsRefused() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> CertificateUrlPolicy.parse(List.of(" ", "")));
        assertTrue(e.getMessage().startsWith("REGISTRAR_WEBHOOK_CERT_URL_PREFIXES is invalid: it names no prefix"),
                e.getMessage());
    }
}
