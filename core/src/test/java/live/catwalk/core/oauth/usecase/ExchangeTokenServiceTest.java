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

/** The token endpoint's code grant: single use, PKCE, the same redirect URI and resource, replay revocation. */
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

        h.issued(h.exchange.exchange(OAuthHarness.withResource(codeRequest(h.code(grant), none(client)), spelled)));
    }

    @Test
    void refusesAResourceOfAnotherDeploymentAndUsesTheCodeUp() {
        String code = h.code(grant);

        h.refused(h.exchange.exchange(OAuthHarness.withResource(codeRequest(code, none(client)), resource(other))),
                TokenError.INVALID_TARGET);
        h.refused(h.exchange.exchange(codeRequest(code, none(client))), TokenError.INVALID_GRANT);
    }

    @Test
    void refusesAResourceThatIsNoDeploymentsBeforeTouchingTheCode() {
        String code = h.code(grant);

        h.refused(h.exchange.exchange(OAuthHarness.withResource(codeRequest(code, none(client)), "https://catwalk.example/")),
                TokenError.INVALID_TARGET);
        h.refused(h.exchange.exchange(OAuthHarness.withResource(codeRequest(code, none(client)), "https://evil.example/mcp/"
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
}
