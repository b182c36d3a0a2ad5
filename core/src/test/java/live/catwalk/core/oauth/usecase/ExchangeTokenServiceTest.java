package live.catwalk.core.oauth.usecase;

import static live.catwalk.core.oauth.usecase.OAuthHarness.REDIRECT;
import static live.catwalk.core.oauth.usecase.OAuthHarness.VERIFIER;
import static live.catwalk.core.oauth.usecase.OAuthHarness.codeRequest;
import static live.catwalk.core.oauth.usecase.OAuthHarness.none;
import static live.catwalk.core.oauth.usecase.OAuthHarness.refreshRequest;
import static live.catwalk.core.oauth.usecase.OAuthHarness.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.oauth.domain.ClientAuthMethod;
import live.catwalk.core.oauth.domain.ClientCredentials;
import live.catwalk.core.oauth.domain.Grant;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.oauth.domain.OAuthLifetimes;
import live.catwalk.core.oauth.domain.OAuthSecret;
import live.catwalk.core.oauth.domain.OAuthToken;
import live.catwalk.core.oauth.domain.OAuthTokenKind;
import live.catwalk.core.oauth.domain.Pkce;
import live.catwalk.core.oauth.domain.TokenError;
import live.catwalk.core.oauth.port.in.ExchangeToken.Command;
import live.catwalk.core.oauth.port.in.ExchangeToken.Result.Issued;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token endpoint: client authentication, the code grant (single use, PKCE, redirect, resource) and refresh. */
class ExchangeTokenServiceTest {

    private final OAuthHarness h = new OAuthHarness();
    private User ann;
    private Deployment weather;
    private Deployment other;
    private OAuthClient client;
    private Grant grant;

    @BeforeEach
    void setUp() {
        ann = h.user("ann");
        weather = h.deployment(ann, "weather");
        other = h.deployment(ann, "other");
        client = h.publicClient();
        grant = h.grant(ann, client, weather);
    }

    // --- the authorization_code grant

    @Test
    void exchangesACodeForABearerAccessTokenAndARefreshToken() {
        Issued issued = h.issued(h.exchange.exchange(codeRequest(h.code(grant), none(client))));

        assertEquals("Bearer", issued.tokenType());
        assertEquals(3600, issued.expiresIn());
        assertEquals("mcp offline_access", issued.scope());
        assertTrue(OAuthSecret.ACCESS.matches(issued.accessToken()));
        assertTrue(OAuthSecret.REFRESH.matches(issued.refreshToken().orElseThrow()));
    }

    @Test
    void storesBothTokensByHashBoundToTheCodesGrantResourceScopesAndCode() {
        String code = h.code(grant);
        Instant now = h.clock.instant();
        Issued issued = h.issued(h.exchange.exchange(codeRequest(code, none(client))));

        OAuthToken access = h.stored(issued.accessToken());
        OAuthToken refresh = h.stored(issued.refreshToken().orElseThrow());
        assertEquals(OAuthTokenKind.ACCESS, access.kind());
        assertEquals(OAuthTokenKind.REFRESH, refresh.kind());
        for (OAuthToken token : new OAuthToken[] {access, refresh}) {
            assertEquals(grant.id(), token.grant());
            assertEquals(URI.create(resource(weather)), token.resource());
            assertEquals(Set.of("mcp", "offline_access"), token.scopes());
            assertEquals(Optional.of(TokenHash.of(code)), token.fromCode());
            assertEquals(now, token.issuedAt());
        }
        assertEquals(now.plus(Duration.ofHours(1)), access.expiresAt());
        assertEquals(now.plus(Duration.ofDays(30)), refresh.expiresAt());
    }

    @Test
    void takesTheLifetimesItIsGiven() {
        var lifetimes = new OAuthLifetimes(Duration.ofHours(8), Duration.ofDays(7), Duration.ofMinutes(5));
        var service = new ExchangeTokenService(h.oauth, OAuthHarness.BASE, lifetimes, h.randomness, h.clock);

        Issued issued = h.issued(service.exchange(codeRequest(h.code(grant), none(client))));

        assertEquals(8 * 3600, issued.expiresIn());
        assertEquals(h.clock.instant().plus(Duration.ofDays(7)), h.stored(issued.refreshToken().orElseThrow())
                .expiresAt());
    }

    @Test
    void recordsTheUseOfTheGrantAndTheClient() {
        h.clock.advance(Duration.ofMinutes(3));
        h.tokens(grant, none(client));

        assertEquals(Optional.of(h.clock.instant()), h.stored(grant).lastUsedAt());
        assertEquals(Optional.of(h.clock.instant()), h.oauth.findClient(client.id()).orElseThrow().lastUsedAt());
    }

    @Test
    void acceptsTheCodesResourceSentAgainEvenSpelledDifferently() {
        String spelled = resource(weather).replace("https://catwalk.example", "HTTPS://Catwalk.EXAMPLE:443") + "/";

        h.issued(h.exchange.exchange(withResource(codeRequest(h.code(grant), none(client)), spelled)));
    }

    @Test
    void refusesAResourceOfAnotherDeploymentAndUsesTheCodeUp() {
        String code = h.code(grant);

        h.refused(h.exchange.exchange(withResource(codeRequest(code, none(client)), resource(other))),
                TokenError.INVALID_TARGET);
        h.refused(h.exchange.exchange(codeRequest(code, none(client))), TokenError.INVALID_GRANT);
    }

    @Test
    void refusesAResourceThatIsNoDeploymentsBeforeTouchingTheCode() {
        String code = h.code(grant);

        h.refused(h.exchange.exchange(withResource(codeRequest(code, none(client)), "https://catwalk.example/")),
                TokenError.INVALID_TARGET);
        h.refused(h.exchange.exchange(withResource(codeRequest(code, none(client)), "https://evil.example/mcp/"
                + weather.id())), TokenError.INVALID_TARGET);
        h.issued(h.exchange.exchange(codeRequest(code, none(client))));
    }

    @Test
    void aReplayedCodeIsRefusedAndRevokesEveryTokenItProduced() {
        String code = h.code(grant);
        Issued first = h.issued(h.exchange.exchange(codeRequest(code, none(client))));

        h.refused(h.exchange.exchange(codeRequest(code, none(client))), TokenError.INVALID_GRANT);

        assertTrue(h.stored(first.accessToken()).revokedAt().isPresent());
        assertTrue(h.stored(first.refreshToken().orElseThrow()).revokedAt().isPresent());
    }

    @Test
    void aReplayedCodeAlsoRevokesTheTokensRotatedFromIt() {
        String code = h.code(grant);
        Issued first = h.issued(h.exchange.exchange(codeRequest(code, none(client))));
        Issued rotated = h.issued(h.exchange.exchange(refreshRequest(first.refreshToken().orElseThrow(),
                none(client))));

        h.refused(h.exchange.exchange(codeRequest(code, none(client))), TokenError.INVALID_GRANT);

        assertTrue(h.stored(rotated.accessToken()).revokedAt().isPresent());
        assertTrue(h.stored(rotated.refreshToken().orElseThrow()).revokedAt().isPresent());
    }

    @Test
    void refusesAnExpiredCode() {
        String code = h.code(grant);
        h.clock.advance(Duration.ofMinutes(10));

        h.refused(h.exchange.exchange(codeRequest(code, none(client))), TokenError.INVALID_GRANT);
    }

    @Test
    void acceptsACodeUpToItsLastSecond() {
        String code = h.code(grant);
        h.clock.advance(Duration.ofMinutes(10).minusSeconds(1));

        h.issued(h.exchange.exchange(codeRequest(code, none(client))));
    }

    @Test
    void refusesUnknownAndMalformedCodesAlike() {
        String unknown = h.remember(OAuthSecret.CODE.mint("Z".repeat(40)));

        String a = h.refused(h.exchange.exchange(codeRequest(unknown, none(client))), TokenError.INVALID_GRANT);
        String b = h.refused(h.exchange.exchange(codeRequest("not-a-code", none(client))), TokenError.INVALID_GRANT);
        assertEquals(a, b);
    }

    @Test
    void refusesACodeOfAGrantRevokedSince() {
        String code = h.code(grant);
        h.oauth.revokeGrant(grant.id(), h.clock.instant());

        h.refused(h.exchange.exchange(codeRequest(code, none(client))), TokenError.INVALID_GRANT);
    }

    @Test
    void refusesACodePresentedByAnotherClientAndUsesItUp() {
        String code = h.code(grant);
        OAuthClient thief = h.publicClient();

        h.refused(h.exchange.exchange(codeRequest(code, none(thief))), TokenError.INVALID_GRANT);
        h.refused(h.exchange.exchange(codeRequest(code, none(client))), TokenError.INVALID_GRANT);
    }

    @Test
    void refusesAnotherRedirectUriAndUsesTheCodeUp() {
        String code = h.code(grant);
        Command wrong = new Command("authorization_code", code, REDIRECT + "/x", VERIFIER, null, null, null,
                none(client));

        h.refused(h.exchange.exchange(wrong), TokenError.INVALID_GRANT);
        h.refused(h.exchange.exchange(codeRequest(code, none(client))), TokenError.INVALID_GRANT);
    }

    @Test
    void comparesTheRedirectUriExactly() {
        String code = h.code(grant);

        h.refused(h.exchange.exchange(new Command("authorization_code", code, REDIRECT + "/", VERIFIER, null, null,
                null, none(client))), TokenError.INVALID_GRANT);
    }

    @Test
    void refusesAWrongCodeVerifier() {
        String code = h.code(grant);
        String wrong = VERIFIER.replace('d', 'e');

        String description = h.refused(h.exchange.exchange(new Command("authorization_code", code, REDIRECT, wrong,
                null, null, null, none(client))), TokenError.INVALID_GRANT);
        assertFalse(description.contains(wrong));
    }

    @Test
    void refusesThePlainMethodsVerifierThatIsTheChallengeItself() {
        String code = h.code(grant);
        String plain = Pkce.s256(VERIFIER);

        h.refused(h.exchange.exchange(new Command("authorization_code", code, REDIRECT, plain, null, null, null,
                none(client))), TokenError.INVALID_GRANT);
    }

    @Test
    void namesEveryMissingParameterOfTheCodeGrantWithoutUsingTheCode() {
        String code = h.code(grant);

        String description = h.refused(h.exchange.exchange(new Command("authorization_code", code, "", null, null,
                null, null, none(client))), TokenError.INVALID_REQUEST);
        assertEquals("Missing parameters: redirect_uri, code_verifier.", description);
        assertEquals("Missing parameters: code, redirect_uri, code_verifier.", h.refused(h.exchange.exchange(
                new Command("authorization_code", null, null, null, null, null, null, none(client))),
                TokenError.INVALID_REQUEST));
        h.issued(h.exchange.exchange(codeRequest(code, none(client))));
    }

    @Test
    void namesAMissingGrantType() {
        assertEquals("Missing parameter: grant_type.", h.refused(h.exchange.exchange(new Command(null, h.code(grant),
                REDIRECT, VERIFIER, null, null, null, none(client))), TokenError.INVALID_REQUEST));
    }

    @Test
    void refusesGrantTypesOtherThanCodeAndRefresh() {
        for (String type : new String[] {"password", "client_credentials", "implicit", "AUTHORIZATION_CODE",
                "urn:ietf:params:oauth:grant-type:jwt-bearer"}) {
            h.refused(h.exchange.exchange(new Command(type, h.code(grant), REDIRECT, VERIFIER, null, null, null,
                    none(client))), TokenError.UNSUPPORTED_GRANT_TYPE);
        }
    }

    // --- client authentication

    @Test
    void refusesAnUnknownMissingOrMalformedClient() {
        String code = h.code(grant);

        h.refused(h.exchange.exchange(codeRequest(code, ClientCredentials.none("cwc_" + "q".repeat(40)))),
                TokenError.INVALID_CLIENT);
        h.refused(h.exchange.exchange(codeRequest(code, ClientCredentials.none(null))), TokenError.INVALID_CLIENT);
        h.refused(h.exchange.exchange(codeRequest(code, ClientCredentials.none("not a client id"))),
                TokenError.INVALID_CLIENT);
    }

    @Test
    void aFailedClientAuthenticationLeavesTheCodeUnused() {
        String code = h.code(grant);
        h.refused(h.exchange.exchange(codeRequest(code, ClientCredentials.post(client.id().value(),
                h.remember(OAuthSecret.CLIENT_SECRET.mint("S".repeat(40)))))), TokenError.INVALID_CLIENT);

        h.issued(h.exchange.exchange(codeRequest(code, none(client))));
    }

    @Test
    void refusesAPublicClientPresentingASecret() {
        String secret = h.remember(OAuthSecret.CLIENT_SECRET.mint("P".repeat(40)));

        h.refused(h.exchange.exchange(codeRequest(h.code(grant), ClientCredentials.basic(client.id().value(),
                secret))), TokenError.INVALID_CLIENT);
        h.refused(h.exchange.exchange(codeRequest(h.code(grant), ClientCredentials.post(client.id().value(),
                secret))), TokenError.INVALID_CLIENT);
    }

    @Test
    void aSecretClientAuthenticatesWithItsSecretByItsRegisteredMethodOnly() {
        OAuthHarness.SecretClient basic = h.secretClient(ClientAuthMethod.CLIENT_SECRET_BASIC);
        Grant basicGrant = h.grant(ann, basic.client(), weather);

        h.refused(h.exchange.exchange(codeRequest(h.code(basicGrant), basic.post())), TokenError.INVALID_CLIENT);
        h.refused(h.exchange.exchange(codeRequest(h.code(basicGrant), none(basic.client()))),
                TokenError.INVALID_CLIENT);
        h.issued(h.exchange.exchange(codeRequest(h.code(basicGrant), basic.basic())));
    }

    @Test
    void aClientSecretPostClientSendsItsSecretInTheForm() {
        OAuthHarness.SecretClient post = h.secretClient(ClientAuthMethod.CLIENT_SECRET_POST);
        Grant postGrant = h.grant(ann, post.client(), weather);

        h.refused(h.exchange.exchange(codeRequest(h.code(postGrant), post.basic())), TokenError.INVALID_CLIENT);
        h.issued(h.exchange.exchange(codeRequest(h.code(postGrant), post.post())));
    }

    @Test
    void refusesAWrongSecretAndNeverRepeatsEitherSecret() {
        OAuthHarness.SecretClient basic = h.secretClient(ClientAuthMethod.CLIENT_SECRET_BASIC);
        Grant basicGrant = h.grant(ann, basic.client(), weather);
        String wrong = h.remember(basic.secret().substring(0, basic.secret().length() - 1) + "Q");

        String description = h.refused(h.exchange.exchange(codeRequest(h.code(basicGrant),
                ClientCredentials.basic(basic.client().id().value(), wrong))), TokenError.INVALID_CLIENT);
        assertEquals(h.refused(h.exchange.exchange(codeRequest(h.code(basicGrant),
                ClientCredentials.basic("cwc_" + "u".repeat(40), wrong))), TokenError.INVALID_CLIENT), description,
                "an unknown client and a wrong secret read alike");
    }

    @Test
    void aMetadataDocumentClientStoredByTheAuthorizationStepAuthenticatesWithItsIdAlone() {
        OAuthClient document = h.documentClient();
        Grant documentGrant = h.grant(ann, document, weather);

        h.issued(h.exchange.exchange(codeRequest(h.code(documentGrant), none(document))));
    }

    // --- the refresh_token grant

    @Test
    void rotatesARefreshTokenIntoNewTokensAndUsesTheOldOneUp() {
        Issued first = h.tokens(grant, none(client));
        h.clock.advance(Duration.ofHours(2));

        Issued second = h.issued(h.exchange.exchange(refreshRequest(first.refreshToken().orElseThrow(),
                none(client))));

        assertEquals("mcp offline_access", second.scope());
        assertEquals(3600, second.expiresIn());
        OAuthToken newRefresh = h.stored(second.refreshToken().orElseThrow());
        assertEquals(h.clock.instant().plus(Duration.ofDays(30)), newRefresh.expiresAt());
        assertEquals(h.stored(first.refreshToken().orElseThrow()).fromCode(), newRefresh.fromCode());
        assertEquals(Optional.of(h.clock.instant()), h.stored(first.refreshToken().orElseThrow()).usedAt());
        assertEquals(Optional.of(h.clock.instant()), h.stored(grant).lastUsedAt());
        assertFalse(second.accessToken().equals(first.accessToken()));
    }

    @Test
    void aReusedRefreshTokenRevokesTheWholeGrant() {
        Issued first = h.tokens(grant, none(client));
        Issued second = h.issued(h.exchange.exchange(refreshRequest(first.refreshToken().orElseThrow(),
                none(client))));

        h.refused(h.exchange.exchange(refreshRequest(first.refreshToken().orElseThrow(), none(client))),
                TokenError.INVALID_GRANT);

        assertFalse(h.stored(grant).isLive());
        assertTrue(h.stored(second.accessToken()).revokedAt().isPresent());
        h.refused(h.exchange.exchange(refreshRequest(second.refreshToken().orElseThrow(), none(client))),
                TokenError.INVALID_GRANT);
    }

    @Test
    void aScopeMayNarrowTheAccessTokenWhileTheNewRefreshTokenKeepsTheGrantedOnes() {
        Issued first = h.tokens(grant, none(client));

        Issued narrowed = h.issued(h.exchange.exchange(withScope(refreshRequest(first.refreshToken().orElseThrow(),
                none(client)), "mcp")));

        assertEquals("mcp", narrowed.scope());
        assertEquals(Set.of("mcp"), h.stored(narrowed.accessToken()).scopes());
        assertEquals(Set.of("mcp", "offline_access"), h.stored(narrowed.refreshToken().orElseThrow()).scopes());
    }

    @Test
    void aScopeMayNotWidenAndTheRefreshTokenStaysUsable() {
        Grant mcpOnly = h.grant(ann, client, other, Set.of("mcp"));
        Issued first = h.tokens(mcpOnly, none(client));
        String refresh = first.refreshToken().orElseThrow();

        h.refused(h.exchange.exchange(withScope(refreshRequest(refresh, none(client)), "mcp offline_access")),
                TokenError.INVALID_SCOPE);

        h.issued(h.exchange.exchange(refreshRequest(refresh, none(client))));
    }

    @Test
    void unknownScopesInARefreshAreIgnoredAsAtAuthorization() {
        Issued first = h.tokens(grant, none(client));

        assertEquals("mcp", h.issued(h.exchange.exchange(withScope(refreshRequest(first.refreshToken().orElseThrow(),
                none(client)), "claudeai"))).scope());
    }

    @Test
    void aRefreshMustKeepItsResourceAndAMismatchLeavesTheTokenUsable() {
        Issued first = h.tokens(grant, none(client));
        String refresh = first.refreshToken().orElseThrow();

        h.refused(h.exchange.exchange(withResource(refreshRequest(refresh, none(client)), resource(other))),
                TokenError.INVALID_TARGET);
        h.refused(h.exchange.exchange(withResource(refreshRequest(refresh, none(client)), "https://evil.example/")),
                TokenError.INVALID_TARGET);

        Issued second = h.issued(h.exchange.exchange(withResource(refreshRequest(refresh, none(client)),
                resource(weather) + "/")));
        assertEquals(URI.create(resource(weather)), h.stored(second.accessToken()).resource());
    }

    @Test
    void anotherClientsRefreshTokenIsRefusedAndLeftUnused() {
        Issued first = h.tokens(grant, none(client));
        OAuthClient thief = h.publicClient();

        h.refused(h.exchange.exchange(refreshRequest(first.refreshToken().orElseThrow(), none(thief))),
                TokenError.INVALID_GRANT);

        assertTrue(h.stored(grant).isLive());
        h.issued(h.exchange.exchange(refreshRequest(first.refreshToken().orElseThrow(), none(client))));
    }

    @Test
    void refusesAnExpiredRefreshToken() {
        Issued first = h.tokens(grant, none(client));
        h.clock.advance(Duration.ofDays(30));

        h.refused(h.exchange.exchange(refreshRequest(first.refreshToken().orElseThrow(), none(client))),
                TokenError.INVALID_GRANT);
        assertTrue(h.stored(grant).isLive(), "an expired token is no sign of theft");
    }

    @Test
    void refusesARefreshTokenOfARevokedGrant() {
        Issued first = h.tokens(grant, none(client));
        h.oauth.revokeGrant(grant.id(), h.clock.instant());

        h.refused(h.exchange.exchange(refreshRequest(first.refreshToken().orElseThrow(), none(client))),
                TokenError.INVALID_GRANT);
    }

    @Test
    void refusesAnAccessTokenAnUnknownOrAMalformedOneAsARefreshToken() {
        Issued first = h.tokens(grant, none(client));
        String unknown = h.remember(OAuthSecret.REFRESH.mint("R".repeat(40)));

        h.refused(h.exchange.exchange(refreshRequest(first.accessToken(), none(client))), TokenError.INVALID_GRANT);
        h.refused(h.exchange.exchange(refreshRequest(unknown, none(client))), TokenError.INVALID_GRANT);
        h.refused(h.exchange.exchange(refreshRequest("garbage", none(client))), TokenError.INVALID_GRANT);
    }

    @Test
    void namesAMissingRefreshToken() {
        assertEquals("Missing parameter: refresh_token.", h.refused(h.exchange.exchange(refreshRequest(null,
                none(client))), TokenError.INVALID_REQUEST));
    }

    @Test
    void aSecretClientMustAuthenticateToRefresh() {
        OAuthHarness.SecretClient basic = h.secretClient(ClientAuthMethod.CLIENT_SECRET_BASIC);
        Issued first = h.tokens(h.grant(ann, basic.client(), weather), basic.basic());

        h.refused(h.exchange.exchange(refreshRequest(first.refreshToken().orElseThrow(), none(basic.client()))),
                TokenError.INVALID_CLIENT);
        h.issued(h.exchange.exchange(refreshRequest(first.refreshToken().orElseThrow(), basic.basic())));
    }

    @Test
    void neitherTheCommandNorTheResultShowsASecret() {
        String code = h.code(grant);
        Command command = codeRequest(code, ClientCredentials.post(client.id().value(), "cws_" + "k".repeat(40)));
        h.remember("cws_" + "k".repeat(40));
        h.secretFree(command.toString());

        h.secretFree(h.tokens(grant, none(client)).toString());
    }

    private static Command withResource(Command c, String resource) {
        return new Command(c.grantType(), c.code(), c.redirectUri(), c.codeVerifier(), c.refreshToken(), resource,
                c.scope(), c.client());
    }

    private static Command withScope(Command c, String scope) {
        return new Command(c.grantType(), c.code(), c.redirectUri(), c.codeVerifier(), c.refreshToken(),
                c.resource(), scope, c.client());
    }
}
