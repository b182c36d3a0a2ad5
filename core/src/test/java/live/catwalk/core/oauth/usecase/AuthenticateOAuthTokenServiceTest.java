package live.catwalk.core.oauth.usecase;

import static live.catwalk.core.oauth.usecase.OAuthHarness.BASE;
import static live.catwalk.core.oauth.usecase.OAuthHarness.none;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import live.catwalk.core.oauth.domain.OAuthSecret;
import live.catwalk.core.oauth.domain.OAuthToken;
import live.catwalk.core.oauth.domain.OAuthTokenKind;
import live.catwalk.core.oauth.domain.ResourceUris;
import live.catwalk.core.oauth.port.in.AuthenticateOAuthToken.Result;
import live.catwalk.core.oauth.port.in.ExchangeToken.Result.Issued;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The resource server's rule: an access token opens only the deployment it was issued for, while its grant lives. */
class AuthenticateOAuthTokenServiceTest {

    private static final Result REFUSED = new Result.Refused();

    private final OAuthHarness h = new OAuthHarness();
    private final AuthenticateOAuthTokenService service = new AuthenticateOAuthTokenService(h.oauth, BASE, h.clock);
    private User ann;
    private Deployment a;
    private Deployment b;
    private OAuthClient client;
    private Grant grant;
    private Issued tokens;

    @BeforeEach
    void setUp() {
        ann = h.user("ann");
        a = h.deployment(ann, "a");
        b = h.deployment(ann, "b");
        client = h.publicClient();
        grant = h.grant(ann, client, a);
        tokens = h.tokens(grant, none(client));
    }

    @Test
    void anAccessTokenOpensItsDeploymentAsItsGrantsUser() {
        assertEquals(new Result.Granted("oauth:" + grant.id(), ann.id(), client.id()),
                service.authenticate(a.id(), tokens.accessToken()));
    }

    @Test
    void aTokenForDeploymentAIsRefusedAtB() {
        h.grant(ann, client, b);

        assertEquals(REFUSED, service.authenticate(b.id(), tokens.accessToken()));
    }

    @Test
    void malformedUnknownAndOtherKindsOfTokenAreRefusedAlike() {
        assertEquals(REFUSED, service.authenticate(a.id(), null));
        assertEquals(REFUSED, service.authenticate(a.id(), ""));
        assertEquals(REFUSED, service.authenticate(a.id(), "cwa_short"));
        assertEquals(REFUSED, service.authenticate(a.id(), OAuthSecret.ACCESS.mint("X".repeat(40))));
        assertEquals(REFUSED, service.authenticate(a.id(), tokens.refreshToken().orElseThrow()));
        assertEquals(REFUSED, service.authenticate(a.id(), "cwd_" + tokens.accessToken().substring(4)));
    }

    @Test
    void anExpiredTokenIsRefusedFromItsExpiry() {
        h.clock.advance(Duration.ofHours(1).minusSeconds(1));
        assertEquals(Result.Granted.class, service.authenticate(a.id(), tokens.accessToken()).getClass());

        h.clock.advance(Duration.ofSeconds(1));
        assertEquals(REFUSED, service.authenticate(a.id(), tokens.accessToken()));
    }

    @Test
    void aRevokedTokenIsRefused() {
        h.oauth.revokeToken(TokenHash.of(tokens.accessToken()), h.clock.instant());

        assertEquals(REFUSED, service.authenticate(a.id(), tokens.accessToken()));
    }

    @Test
    void aRevokedGrantsTokenIsRefused() {
        h.oauth.revokeGrant(grant.id(), h.clock.instant());

        assertEquals(REFUSED, service.authenticate(a.id(), tokens.accessToken()));
    }

    @Test
    void aTokenBoundToAnotherResourceThanItsGrantsDeploymentIsRefused() {
        String raw = OAuthSecret.ACCESS.mint(h.randomness.secret());
        Instant now = h.clock.instant();
        h.oauth.insertToken(new OAuthToken(TokenHash.of(raw), OAuthTokenKind.ACCESS, grant.id(),
                ResourceUris.of(BASE, b.id()), Set.of("mcp"), now, now.plusSeconds(60), Optional.empty(),
                Optional.empty(), Optional.empty()));

        assertEquals(REFUSED, service.authenticate(b.id(), raw), "the resource says b, the grant a");
        assertEquals(REFUSED, service.authenticate(a.id(), raw), "the grant says a, the resource b");
    }

    @Test
    void aTokenForAnotherPublicBaseIsRefused() {
        var elsewhere = new AuthenticateOAuthTokenService(h.oauth, URI.create("https://other.example/"), h.clock);

        assertEquals(REFUSED, elsewhere.authenticate(a.id(), tokens.accessToken()));
    }

    @Test
    void aTokenWithoutTheMcpScopeIsInsufficientNotRefused() {
        String raw = OAuthSecret.ACCESS.mint(h.randomness.secret());
        Instant now = h.clock.instant();
        h.oauth.insertToken(new OAuthToken(TokenHash.of(raw), OAuthTokenKind.ACCESS, grant.id(),
                ResourceUris.of(BASE, a.id()), Set.of("offline_access"), now, now.plusSeconds(60), Optional.empty(),
                Optional.empty(), Optional.empty()));

        assertEquals(new Result.Insufficient(Set.of("mcp")), service.authenticate(a.id(), raw));
    }

    @Test
    void theGrantsLastUseIsWrittenAtMostOnceAMinute() {
        h.clock.advance(Duration.ofMinutes(5));
        Instant first = h.clock.instant();
        service.authenticate(a.id(), tokens.accessToken());
        h.clock.advance(Duration.ofSeconds(59));
        service.authenticate(a.id(), tokens.accessToken());
        assertEquals(Optional.of(first), h.stored(grant).lastUsedAt());

        h.clock.advance(Duration.ofSeconds(1));
        service.authenticate(a.id(), tokens.accessToken());
        assertEquals(Optional.of(h.clock.instant()), h.stored(grant).lastUsedAt());
    }

    @Test
    void theGrantedPrincipalHoldsNoSecret() {
        h.secretFree(service.authenticate(a.id(), tokens.accessToken()).toString());
    }

    @Test
    void refusesAPublicBaseThatIsNotAnAbsoluteUrlEndingInASlash() {
        for (String base : new String[] {"https://catwalk.example", "/relative/", "ftp://catwalk.example/",
                "https://catwalk.example/?q=1"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> new AuthenticateOAuthTokenService(h.oauth, URI.create(base), h.clock), base);
        }
    }
}
