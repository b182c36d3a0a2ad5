package live.catwalk.core.oauth.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.oauth.domain.ClientAuthMethod;
import live.catwalk.core.oauth.domain.ClientCredentials;
import live.catwalk.core.oauth.domain.ClientKind;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.oauth.domain.OAuthClientId;
import live.catwalk.core.oauth.domain.OAuthSecret;
import live.catwalk.core.oauth.port.in.RegisterClient.Command;
import live.catwalk.core.oauth.port.in.RegisterClient.Registration;
import live.catwalk.core.oauth.port.in.RevokeOAuthToken;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.Test;

/** Dynamic client registration: the auth method honoured, secrets stored as hashes only, metadata echoed. */
class RegisterClientServiceTest {

    private static final String CALLBACK = "https://claude.ai/api/mcp/auth_callback";

    private final OAuthHarness h = new OAuthHarness();
    private final RegisterClientService service = new RegisterClientService(h.oauth, h.randomness, h.clock);

    @Test
    void registersClaudesPublicClientWithoutASecretAndEchoesItsMetadata() {
        // The request hosted Claude sent (reference §3), its scope left out: it is ignored anyway.
        Registration registration = service.register(new Command(List.of(CALLBACK), "none", "claudeai",
                List.of("authorization_code", "refresh_token"), List.of("code")));

        assertTrue(registration.clientId().value().startsWith("cwc_"));
        assertFalse(registration.clientId().isMetadataDocument());
        assertEquals(h.clock.instant().getEpochSecond(), registration.clientIdIssuedAt());
        assertEquals(Optional.empty(), registration.clientSecret());
        assertEquals(OptionalLong.empty(), registration.clientSecretExpiresAt());
        assertEquals(List.of(URI.create(CALLBACK)), registration.redirectUris());
        assertEquals("none", registration.tokenEndpointAuthMethod());
        assertEquals(List.of("authorization_code", "refresh_token"), registration.grantTypes());
        assertEquals(List.of("code"), registration.responseTypes());
        assertEquals("claudeai", registration.clientName());
    }

    @Test
    void storesTheClientAsRegistered() {
        Registration registration = service.register(new Command(List.of(CALLBACK), "none", "claudeai", null, null));

        OAuthClient stored = h.oauth.findClient(registration.clientId()).orElseThrow();
        assertEquals(new OAuthClient(registration.clientId(), "claudeai", List.of(URI.create(CALLBACK)),
                ClientAuthMethod.NONE, Optional.empty(), ClientKind.REGISTERED, h.clock.instant(), Optional.empty()),
                stored);
    }

    @Test
    void defaultsToClientSecretBasicWithASecretStoredOnlyAsItsHash() {
        Registration registration = service.register(new Command(List.of(CALLBACK), null, null, null, null));

        String secret = registration.clientSecret().orElseThrow();
        assertTrue(OAuthSecret.CLIENT_SECRET.matches(secret));
        assertEquals("client_secret_basic", registration.tokenEndpointAuthMethod());
        assertEquals(OptionalLong.of(0), registration.clientSecretExpiresAt());
        OAuthClient stored = h.oauth.findClient(registration.clientId()).orElseThrow();
        assertEquals(ClientAuthMethod.CLIENT_SECRET_BASIC, stored.authMethod());
        assertEquals(Optional.of(TokenHash.of(secret)), stored.secretHash());
        assertFalse(stored.toString().contains(secret.substring(4)), "the store holds no raw secret");
        assertFalse(registration.toString().contains(secret.substring(4)));
    }

    @Test
    void honoursClientSecretPost() {
        Registration registration = service.register(new Command(List.of(CALLBACK), "client_secret_post", null,
                null, null));

        assertEquals("client_secret_post", registration.tokenEndpointAuthMethod());
        assertTrue(registration.clientSecret().isPresent());
        assertEquals(ClientAuthMethod.CLIENT_SECRET_POST,
                h.oauth.findClient(registration.clientId()).orElseThrow().authMethod());
    }

    @Test
    void theIssuedSecretAuthenticatesTheClientByItsMethod() {
        Registration registration = service.register(new Command(List.of(CALLBACK), "client_secret_post", null,
                null, null));
        var revoke = new RevokeOAuthTokenService(h.oauth, h.clock);
        String id = registration.clientId().value();
        String secret = registration.clientSecret().orElseThrow();

        assertEquals(new RevokeOAuthToken.Result.Accepted(), revoke.revoke(new RevokeOAuthToken.Command("x", null,
                ClientCredentials.post(id, secret))));
        assertTrue(revoke.revoke(new RevokeOAuthToken.Command("x", null, ClientCredentials.basic(id, secret)))
                instanceof RevokeOAuthToken.Result.Refused);
    }

    @Test
    void givesEachClientItsOwnIdAndSecret() {
        Registration one = service.register(new Command(List.of(CALLBACK), null, null, null, null));
        Registration two = service.register(new Command(List.of(CALLBACK), null, null, null, null));

        assertFalse(one.clientId().equals(two.clientId()));
        assertFalse(one.clientSecret().equals(two.clientSecret()));
    }

    @Test
    void refusesOtherAuthMethods() {
        for (String method : new String[] {"private_key_jwt", "client_secret_jwt", "NONE", "", "tls_client_auth"}) {
            assertInvalid("invalid_client_metadata", "token_endpoint_auth_method",
                    new Command(List.of(CALLBACK), method, null, null, null));
        }
    }

    @Test
    void requiresOneToTwentyRedirectUris() {
        List<String> many = IntStream.rangeClosed(1, 21).mapToObj(i -> "https://app.example/cb" + i).toList();

        assertInvalid("invalid_redirect_uri", "redirect_uris", new Command(null, "none", null, null, null));
        assertInvalid("invalid_redirect_uri", "redirect_uris", new Command(List.of(), "none", null, null, null));
        assertInvalid("invalid_redirect_uri", "redirect_uris", new Command(many, "none", null, null, null));
        assertEquals(20, service.register(new Command(many.subList(0, 20), "none", null, null, null))
                .redirectUris().size());
    }

    @Test
    void refusesRedirectUrisThatAreNeitherHttpsNorLoopbackHttp() {
        List<String> bad = new ArrayList<>(List.of("http://app.example/cb", "https://app.example/cb#frag",
                "javascript:alert(1)", "/relative/cb", "https://user@app.example/cb", "https://exämple.com/cb", "https://app.example/cällback",
                "not a uri", "custom-scheme://cb"));
        bad.add(null);
        for (String uri : bad) {
            assertInvalid("invalid_redirect_uri", "redirect_uris",
                    new Command(Arrays.asList(CALLBACK, uri), "none", null, null, null));
        }
    }

    @Test
    void acceptsLoopbackHttpAndRegistersARepeatedUriOnce() {
        Registration registration = service.register(new Command(List.of("http://127.0.0.1/callback",
                "http://localhost:8080/cb", "http://[::1]/cb", "http://127.0.0.1/callback"), "none", null, null, null));

        assertEquals(List.of(URI.create("http://127.0.0.1/callback"), URI.create("http://localhost:8080/cb"),
                URI.create("http://[::1]/cb")), registration.redirectUris());
    }

    @Test
    void namesAClientThatGivesNoNameMcpClient() {
        assertEquals("MCP client", service.register(new Command(List.of(CALLBACK), "none", null, null, null))
                .clientName());
        assertEquals("MCP client", service.register(new Command(List.of(CALLBACK), "none", "  ", null, null))
                .clientName());
        assertEquals("Cursor", service.register(new Command(List.of(CALLBACK), "none", " Cursor ", null, null))
                .clientName());
    }

    @Test
    void refusesANameTooLongOrWithControlCharacters() {
        assertInvalid("invalid_client_metadata", "client_name",
                new Command(List.of(CALLBACK), "none", "x".repeat(201), null, null));
        assertInvalid("invalid_client_metadata", "client_name",
                new Command(List.of(CALLBACK), "none", "bad\u0007name", null, null));
    }

    @Test
    void registersTheSupportedGrantTypesAmongThoseAskedFor() {
        assertEquals(List.of("authorization_code", "refresh_token"), grantTypes(null));
        assertEquals(List.of("authorization_code", "refresh_token"), grantTypes(List.of("refresh_token",
                "authorization_code", "urn:ietf:params:oauth:grant-type:jwt-bearer")));
        assertEquals(List.of("authorization_code"), grantTypes(List.of("authorization_code", "implicit")));
    }

    @Test
    void refusesGrantTypesWithoutTheCodeGrant() {
        for (List<String> types : List.of(List.of("client_credentials"), List.of("refresh_token"), List.<String>of(),
                List.of("password", "implicit"))) {
            assertInvalid("invalid_client_metadata", "grant_types",
                    new Command(List.of(CALLBACK), "none", null, types, null));
        }
    }

    @Test
    void registersTheCodeResponseTypeAndRefusesARegistrationWithoutIt() {
        assertEquals(List.of("code"), service.register(new Command(List.of(CALLBACK), "none", null, null,
                List.of("code", "token"))).responseTypes());
        assertInvalid("invalid_client_metadata", "response_types",
                new Command(List.of(CALLBACK), "none", null, null, List.of("token")));
    }

    @Test
    void aRefusedRegistrationStoresNothing() {
        assertInvalid("invalid_redirect_uri", "redirect_uris",
                new Command(List.of("http://app.example/cb"), "none", null, null, null));

        assertEquals(Optional.empty(), h.oauth.findClient(OAuthClientId.generated(
                String.format("%08dabcdefghijklmnopqrstuvwx", 1))));
    }

    private List<String> grantTypes(List<String> asked) {
        return service.register(new Command(List.of(CALLBACK), "none", null, asked, null)).grantTypes();
    }

    private void assertInvalid(String code, String field, Command command) {
        CatwalkException e = assertThrows(CatwalkException.class, () -> service.register(command));
        assertEquals(CatwalkException.Kind.INVALID_INPUT, e.kind());
        assertEquals(code, e.code());
        assertEquals(Optional.of(field), e.field());
    }
}
