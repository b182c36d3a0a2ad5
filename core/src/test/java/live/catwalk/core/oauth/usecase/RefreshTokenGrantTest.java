package live.catwalk.core.oauth.usecase;

import static live.catwalk.core.oauth.usecase.OAuthHarness.codeRequest;
import static live.catwalk.core.oauth.usecase.OAuthHarness.none;
import static live.catwalk.core.oauth.usecase.OAuthHarness.refreshRequest;
import static live.catwalk.core.oauth.usecase.OAuthHarness.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.oauth.domain.ClientAuthMethod;
import live.catwalk.core.oauth.domain.ClientCredentials;
import live.catwalk.core.oauth.domain.Grant;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.oauth.domain.OAuthSecret;
import live.catwalk.core.oauth.domain.OAuthToken;
import live.catwalk.core.oauth.domain.TokenError;
import live.catwalk.core.oauth.port.in.ExchangeToken.Command;
import live.catwalk.core.oauth.port.in.ExchangeToken.Result.Issued;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token endpoint's refresh grant: rotation, reuse detection, scopes that only narrow, the same resource. */
class RefreshTokenGrantTest {

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

        Issued narrowed = h.issued(h.exchange.exchange(OAuthHarness.withScope(refreshRequest(first.refreshToken().orElseThrow(),
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

        h.refused(h.exchange.exchange(OAuthHarness.withScope(refreshRequest(refresh, none(client)), "mcp offline_access")),
                TokenError.INVALID_SCOPE);

        h.issued(h.exchange.exchange(refreshRequest(refresh, none(client))));
    }

    @Test
    void unknownScopesInARefreshAreIgnoredAsAtAuthorization() {
        Issued first = h.tokens(grant, none(client));

        assertEquals("mcp", h.issued(h.exchange.exchange(OAuthHarness.withScope(refreshRequest(first.refreshToken().orElseThrow(),
                none(client)), "claudeai"))).scope());
    }

    @Test
    void aRefreshMustKeepItsResourceAndAMismatchLeavesTheTokenUsable() {
        Issued first = h.tokens(grant, none(client));
        String refresh = first.refreshToken().orElseThrow();

        h.refused(h.exchange.exchange(OAuthHarness.withResource(refreshRequest(refresh, none(client)), resource(other))),
                TokenError.INVALID_TARGET);
        h.refused(h.exchange.exchange(OAuthHarness.withResource(refreshRequest(refresh, none(client)), "https://evil.example/")),
                TokenError.INVALID_TARGET);

        Issued second = h.issued(h.exchange.exchange(OAuthHarness.withResource(refreshRequest(refresh, none(client)),
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
}
