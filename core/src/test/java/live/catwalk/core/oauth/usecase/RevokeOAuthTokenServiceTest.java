package live.catwalk.core.oauth.usecase;

import static live.catwalk.core.oauth.usecase.OAuthHarness.none;
import static live.catwalk.core.oauth.usecase.OAuthHarness.refreshRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.oauth.domain.ClientAuthMethod;
import live.catwalk.core.oauth.domain.ClientCredentials;
import live.catwalk.core.oauth.domain.Grant;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.oauth.domain.OAuthSecret;
import live.catwalk.core.oauth.domain.TokenError;
import live.catwalk.core.oauth.port.in.ExchangeToken.Result.Issued;
import live.catwalk.core.oauth.port.in.RevokeOAuthToken.Command;
import live.catwalk.core.oauth.port.in.RevokeOAuthToken.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 7009: a client revokes its own tokens; anything else is answered alike and changes nothing. */
class RevokeOAuthTokenServiceTest {

    private final OAuthHarness h = new OAuthHarness();
    private final RevokeOAuthTokenService service = new RevokeOAuthTokenService(h.oauth, h.clock);
    private User ann;
    private Deployment weather;
    private OAuthClient client;
    private Grant grant;
    private Issued tokens;

    @BeforeEach
    void setUp() {
        ann = h.user("ann");
        weather = h.deployment(ann, "weather");
        client = h.publicClient();
        grant = h.grant(ann, client, weather);
        tokens = h.tokens(grant, none(client));
        h.clock.advance(Duration.ofMinutes(1));
    }

    @Test
    void revokesAnAccessTokenAloneAndLeavesTheGrantLive() {
        assertAccepted(service.revoke(new Command(tokens.accessToken(), "access_token", none(client))));

        assertEquals(Optional.of(h.clock.instant()), h.stored(tokens.accessToken()).revokedAt());
        assertTrue(h.stored(grant).isLive());
        h.issued(h.exchange.exchange(refreshRequest(tokens.refreshToken().orElseThrow(), none(client))));
    }

    @Test
    void revokingARefreshTokenRevokesItsWholeGrant() {
        assertAccepted(service.revoke(new Command(tokens.refreshToken().orElseThrow(), "refresh_token",
                none(client))));

        assertFalse(h.stored(grant).isLive());
        assertEquals(Optional.of(h.clock.instant()), h.stored(tokens.accessToken()).revokedAt());
        assertTrue(h.stored(tokens.refreshToken().orElseThrow()).revokedAt().isPresent());
    }

    @Test
    void theHintIsOnlyAHint() {
        assertAccepted(service.revoke(new Command(tokens.refreshToken().orElseThrow(), "access_token",
                none(client))));
        assertFalse(h.stored(grant).isLive());
    }

    @Test
    void anUnknownOrMalformedTokenIsASilentSuccess() {
        assertAccepted(service.revoke(new Command(OAuthSecret.ACCESS.mint("U".repeat(40)), null, none(client))));
        assertAccepted(service.revoke(new Command("whatever", "no_such_hint", none(client))));
        assertTrue(h.stored(tokens.accessToken()).revokedAt().isEmpty());
    }

    @Test
    void anotherClientsTokenIsASilentSuccessThatChangesNothing() {
        OAuthClient other = h.publicClient();

        assertAccepted(service.revoke(new Command(tokens.accessToken(), null, none(other))));
        assertAccepted(service.revoke(new Command(tokens.refreshToken().orElseThrow(), null, none(other))));

        assertTrue(h.stored(tokens.accessToken()).revokedAt().isEmpty());
        assertTrue(h.stored(grant).isLive());
    }

    @Test
    void revokingTwiceIsFineAndKeepsTheFirstTime() {
        Instant first = h.clock.instant();
        service.revoke(new Command(tokens.accessToken(), null, none(client)));
        h.clock.advance(Duration.ofMinutes(1));

        assertAccepted(service.revoke(new Command(tokens.accessToken(), null, none(client))));
        assertEquals(Optional.of(first), h.stored(tokens.accessToken()).revokedAt());
    }

    @Test
    void anUnauthenticatedClientIsRefusedAndNothingChanges() {
        String secret = h.remember(OAuthSecret.CLIENT_SECRET.mint("W".repeat(40)));

        refused(service.revoke(new Command(tokens.accessToken(), null, ClientCredentials.none(null))),
                TokenError.INVALID_CLIENT);
        refused(service.revoke(new Command(tokens.accessToken(), null, ClientCredentials.none("cwc_"
                + "n".repeat(40)))), TokenError.INVALID_CLIENT);
        refused(service.revoke(new Command(tokens.accessToken(), null, ClientCredentials.post(client.id().value(),
                secret))), TokenError.INVALID_CLIENT);

        assertTrue(h.stored(tokens.accessToken()).revokedAt().isEmpty());
    }

    @Test
    void aSecretClientRevokesWithItsSecretOnly() {
        OAuthHarness.SecretClient basic = h.secretClient(ClientAuthMethod.CLIENT_SECRET_BASIC);
        Issued theirs = h.tokens(h.grant(ann, basic.client(), weather), basic.basic());
        String wrong = h.remember(OAuthSecret.CLIENT_SECRET.mint("V".repeat(40)));

        refused(service.revoke(new Command(theirs.accessToken(), null, ClientCredentials.basic(
                basic.client().id().value(), wrong))), TokenError.INVALID_CLIENT);
        assertTrue(h.stored(theirs.accessToken()).revokedAt().isEmpty());

        assertAccepted(service.revoke(new Command(theirs.accessToken(), null, basic.basic())));
        assertTrue(h.stored(theirs.accessToken()).revokedAt().isPresent());
    }

    @Test
    void aMissingTokenIsAnInvalidRequest() {
        assertEquals("Missing parameter: token.", refused(service.revoke(new Command(null, null, none(client))),
                TokenError.INVALID_REQUEST));
        refused(service.revoke(new Command("", null, none(client))), TokenError.INVALID_REQUEST);
    }

    @Test
    void theCommandDoesNotShowTheToken() {
        h.secretFree(new Command(tokens.accessToken(), null, none(client)).toString());
    }

    private static void assertAccepted(Result result) {
        assertInstanceOf(Result.Accepted.class, result);
    }

    private String refused(Result result, TokenError error) {
        Result.Refused refused = assertInstanceOf(Result.Refused.class, result);
        assertEquals(error, refused.error());
        return h.secretFree(refused.description());
    }
}
