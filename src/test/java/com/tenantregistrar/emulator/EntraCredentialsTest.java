package com.tenantregistrar.emulator;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.vertx.VertxHttpClientBuilder;
import com.azure.identity.ClientAssertionCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.tenantregistrar.outbound.OutboundHttpOptions;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/**
 * azure-identity's ClientSecretCredential and ClientAssertionCredential (workload identity federation, the
 * managed identity's token for api://AzureADTokenExchange as the assertion), built as the app builds its clients
 * (azure-core over the app's Vert.x client, trusting the emulator only), get a Partner Center token from the
 * emulated Entra, and the emulated Partner Center accepts it. The Entra requests they make are exactly the token
 * POSTs, given {@code disableInstanceDiscovery()}: without it MSAL first asks login.microsoftonline.com for the
 * instance metadata of any authority host that is not a public cloud's, which fails without that network.
 */
@QuarkusTest
class EntraCredentialsTest {

    private static final String SCOPE = "https://api.partnercenter.microsoft.com/.default";
    private static final String OTHER_GUID = "11111111-2222-4333-8444-555555555555";

    @Inject
    PartnerCenterState partnerCenter;

    @Inject
    Vertx vertx;

    @Inject
    OutboundHttpOptions httpOptions;

    @ConfigProperty(name = "registrar.emulator.entra-port")
    int entraPort;

    @ConfigProperty(name = "registrar.emulator.partner-center-port")
    int partnerCenterPort;

    @ConfigProperty(name = "registrar.emulator.partner-tenant-id")
    String tenantId;

    @ConfigProperty(name = "registrar.emulator.partner-center-client-id")
    String clientId;

    @ConfigProperty(name = "registrar.emulator.partner-center-client-secret")
    String clientSecret;

    private HttpClient httpClient;

    @BeforeEach
    void setUp() {
        partnerCenter.reset();
        httpClient = new VertxHttpClientBuilder().vertx(vertx)
                .httpClientOptions(httpOptions.create(Duration.ofSeconds(5), 4)).build();
    }

    /** As the app builds it: the emulator as authority host (not a public cloud's, so no instance discovery). */
    private TokenCredential secretCredential(String tenant, String client, String secret) {
        return new ClientSecretCredentialBuilder().tenantId(tenant).clientId(client).clientSecret(secret)
                .authorityHost("https://localhost:" + entraPort + "/").disableInstanceDiscovery()
                .httpClient(httpClient).build();
    }

    private TokenCredential assertionCredential(Supplier<String> assertion) {
        return new ClientAssertionCredentialBuilder().tenantId(tenantId).clientId(clientId).clientAssertion(assertion)
                .authorityHost("https://localhost:" + entraPort + "/").disableInstanceDiscovery()
                .httpClient(httpClient).build();
    }

    private static String token(TokenCredential credential) {
        // As azure-core's bearer-token policy asks for it.
        return credential.getToken(new TokenRequestContext().addScopes(SCOPE)).block().getToken();
    }

    private void partnerCenterAccepts(String token) {
        given().relaxedHTTPSValidation().auth().oauth2(token).queryParam("size", 10)
                .get("https://localhost:" + partnerCenterPort + "/v1/customers").then().statusCode(200);
    }

    private List<String> requestedPaths() {
        return partnerCenter.entraRequests().stream().map(PartnerCenterState.EntraRequest::path).toList();
    }

    @Test
    void clientSecretCredentialGetsAPartnerCenterToken() {
        String token = token(secretCredential(tenantId, clientId, clientSecret));

        partnerCenterAccepts(token);
        assertEquals(List.of("/" + tenantId + "/oauth2/v2.0/token"), requestedPaths());
        PartnerCenterState.EntraRequest request = partnerCenter.entraRequests().get(0);
        assertEquals("client_secret", request.credential());
        assertTrue(request.scope().endsWith(SCOPE), request.scope());
        assertEquals(200, request.status());
    }

    @Test
    void clientAssertionCredentialExchangesTheManagedIdentitysToken() {
        TokenCredential managedIdentity = new ManagedIdentityCredentialBuilder().httpClient(httpClient).build();
        String token = token(assertionCredential(() -> managedIdentity.getTokenSync(
                new TokenRequestContext().addScopes("api://AzureADTokenExchange/.default")).getToken()));

        partnerCenterAccepts(token);
        assertEquals(List.of("/" + tenantId + "/oauth2/v2.0/token"), requestedPaths());
        assertEquals("client_assertion", partnerCenter.entraRequests().get(0).credential());
    }

    @Test
    void wrongSecretClientOrTenantIsRefused() {
        assertRefused(secretCredential(tenantId, clientId, "wrong"), 401, "AADSTS7000215");
        assertRefused(secretCredential(tenantId, OTHER_GUID, clientSecret), 400, "AADSTS700016");
        assertRefused(secretCredential(OTHER_GUID, clientId, clientSecret), 400, "AADSTS90002");
    }

    @Test
    void anAssertionTheManagedIdentityDidNotIssueIsRefused() {
        assertRefused(assertionCredential(() -> "forged-assertion"), 400, "AADSTS70021");
    }

    private void assertRefused(TokenCredential credential, int status, String code) {
        // MSAL's own exception, unwrapped by azure-identity's asynchronous getToken.
        MsalServiceException e = assertThrows(MsalServiceException.class, () -> token(credential));
        assertTrue(e.getMessage().contains(code), e.getMessage());
        List<PartnerCenterState.EntraRequest> requests = partnerCenter.entraRequests();
        assertEquals(status, requests.get(requests.size() - 1).status());
    }
}
