package live.catwalk.bootstrap.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import live.catwalk.adapters.persistence.Database;
import live.catwalk.adapters.persistence.DatabaseUrl;
import live.catwalk.adapters.rest.oauth.AuthorizationServer;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.Role;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.mcp.domain.http.Challenge;
import live.catwalk.core.mcp.domain.http.Headers;
import live.catwalk.core.mcp.fakes.MutableClock;
import live.catwalk.core.mcp.port.out.McpAccess;
import live.catwalk.core.mcp.port.out.McpAccess.Decision;
import live.catwalk.core.oauth.domain.ClientAuthMethod;
import live.catwalk.core.oauth.domain.ClientCredentials;
import live.catwalk.core.oauth.domain.ClientKind;
import live.catwalk.core.oauth.domain.Grant;
import live.catwalk.core.oauth.domain.GrantId;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.oauth.domain.OAuthClientId;
import live.catwalk.core.oauth.domain.OAuthLifetimes;
import live.catwalk.core.oauth.domain.OAuthSecret;
import live.catwalk.core.oauth.domain.OAuthToken;
import live.catwalk.core.oauth.domain.OAuthTokenKind;
import live.catwalk.core.oauth.domain.ResourceUris;
import live.catwalk.core.oauth.domain.TokenError;
import live.catwalk.core.oauth.port.in.Authorize;
import live.catwalk.core.oauth.port.in.ExchangeToken;
import live.catwalk.core.store.StoreFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import live.catwalk.core.shared.port.out.Telemetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authorization server's wiring over the embedded database: who opens {@code /mcp/{id}}, and with which
 * challenge the others are answered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OAuthWiringTest {

    private static final URI BASE = URI.create("https://catwalk.example/");
    private static final Instant NOW = StoreFixtures.START.plus(Duration.ofDays(1));
    /** RFC 7636 Appendix B's verifier and challenge. */
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String S256 = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @TempDir
    static Path temp;

    private final StoreFixtures fixtures = new StoreFixtures();
    private Database database;
    private OAuthWiring wiring;

    @BeforeAll
    void open() {
        database = Database.open(DatabaseUrl.h2File(temp), 1);
        wiring = new OAuthWiring(database, List.of(), () -> BASE, Clock.fixed(NOW, ZoneOffset.UTC),
                OAuthLifetimes.DEFAULT);
    }

    @AfterAll
    void close() {
        database.close();
    }

    /** A live grant of {@code scopes} to a new client for a new deployment of a new user. */
    private Grant grant(String name, Set<String> scopes) {
        User user = fixtures.user(name);
        database.users().insert(user);
        Deployment deployment = database.deployments().insert(fixtures.deployment(user.id(), name));
        OAuthClient client = fixtures.registeredClient();
        database.oauth().saveClient(client);
        Grant grant = Grant.given(new GrantId(UUID.randomUUID()), user.id(), client.id(), deployment.id(), scopes,
                fixtures.next());
        database.oauth().insertGrant(grant);
        return grant;
    }

    /** A raw access token of {@code grant} for its deployment, with {@code scopes}, stored by hash as issued. */
    private String accessToken(Grant grant, Set<String> scopes, String random) {
        String raw = OAuthSecret.ACCESS.mint(random.repeat(40));
        database.oauth().insertToken(new OAuthToken(TokenHash.of(raw), OAuthTokenKind.ACCESS, grant.id(),
                ResourceUris.of(BASE, grant.deployment()), scopes, NOW.minusSeconds(60), NOW.plusSeconds(3600),
                Optional.empty(), Optional.empty(), Optional.empty()));
        return raw;
    }

    private Decision decide(Grant grant, Optional<String> token) {
        McpAccess access = wiring.mcpAccess((deployment, presented) -> Optional.empty());
        return access.decide(grant.deployment().value(), Headers.single(Map.of()), token);
    }

    @Test
    void anAccessTokenWithoutTheMcpScopeIsForbiddenWithTheInsufficientScopeChallenge() {
        // The authorization server always grants mcp (ScopePolicy): such a token can only be stored directly.
        Grant grant = grant("scant", Set.of("offline_access"));
        String token = accessToken(grant, Set.of("offline_access"), "s");
        String prm = "https://catwalk.example/.well-known/oauth-protected-resource/mcp/" + grant.deployment();

        Decision decision = decide(grant, Optional.of(token));

        assertEquals(new Decision.Forbidden(Challenge.insufficientScope(prm, Set.of("mcp"))), decision);
        assertEquals("Bearer realm=\"catwalk\", error=\"insufficient_scope\", resource_metadata=\"" + prm
                + "\", scope=\"mcp\"", ((Decision.Forbidden) decision).challenge().header());
    }

    @Test
    void anAccessTokenWithTheMcpScopeOpensItsDeploymentAndAnUnknownOneIsRefusedNamingTheMetadata() {
        Grant grant = grant("ample", Set.of("mcp", "offline_access"));
        String token = accessToken(grant, Set.of("mcp"), "a");
        String prm = "https://catwalk.example/.well-known/oauth-protected-resource/mcp/" + grant.deployment();

        assertEquals(new Decision.Granted("oauth:" + grant.id()), decide(grant, Optional.of(token)));
        assertEquals(new Decision.Refused(Challenge.oauth(prm, true)),
                decide(grant, Optional.of(OAuthSecret.ACCESS.mint("u".repeat(40)))));
        assertEquals(new Decision.Refused(Challenge.oauth(prm, false)), decide(grant, Optional.empty()));
    }

    @Test
    void theConfiguredLifetimesAreThoseOfTheCodesAndTokensIssued() {
        var clock = new MutableClock(NOW);
        var lifetimes = new OAuthLifetimes(Duration.ofHours(2), Duration.ofDays(7), Duration.ofSeconds(30));
        AuthorizationServer server = new OAuthWiring(database, List.of(), () -> BASE, clock, lifetimes)
                .authorizationServer(Telemetry.NONE);
        Grant grant = grant("timed", Set.of("mcp", "offline_access"));
        OAuthClient client = database.oauth().findClient(grant.client()).orElseThrow();
        var caller = new Principal(grant.user(), Role.USER, new TokenId(UUID.randomUUID()));
        var request = new Authorize.Request("code", client.id().value(), client.redirectUris().getFirst().toString(),
                "st4te", S256, "S256", null, "mcp offline_access");
        var allow = new Authorize.Answer(true, Optional.of(grant.deployment()));
        ClientCredentials none = ClientCredentials.none(client.id().value());
        Function<String, ExchangeToken.Result> exchange = code -> server.token().exchange(new ExchangeToken.Command(
                "authorization_code", code, request.redirectUri(), VERIFIER, null, null, null, none));

        String late = code(server.authorize().decide(caller, request, allow));
        String timely = code(server.authorize().decide(caller, request, allow));
        clock.advance(Duration.ofSeconds(29));
        var issued = (ExchangeToken.Result.Issued) exchange.apply(timely);
        clock.advance(Duration.ofSeconds(1));

        assertEquals(7200, issued.expiresIn());
        OAuthToken refresh = database.oauth().findToken(TokenHash.of(issued.refreshToken().orElseThrow()))
                .orElseThrow();
        assertEquals(Duration.ofDays(7), Duration.between(refresh.issuedAt(), refresh.expiresAt()));
        assertEquals(TokenError.INVALID_GRANT, ((ExchangeToken.Result.Refused) exchange.apply(late)).error(),
                "a code is refused from 30 s on");
    }

    /** The code on a redirect to the client. */
    private static String code(Authorize.Outcome outcome) {
        String query = ((Authorize.Outcome.Redirect) outcome).location().getRawQuery();
        return Arrays.stream(query.split("&")).filter(p -> p.startsWith("code=")).findFirst().orElseThrow()
                .substring("code=".length());
    }

    @Test
    void pruningIsScheduledOnTheUpkeepAMinuteAfterStartThenEveryTenMinutesAndPrunesTheDatabase() {
        Grant grant = grant("pruned", Set.of("mcp"));
        OAuthToken expired = new OAuthToken(TokenHash.of("expired two days ago"), OAuthTokenKind.ACCESS, grant.id(),
                ResourceUris.of(BASE, grant.deployment()), Set.of("mcp"), NOW.minus(Duration.ofDays(3)),
                NOW.minus(Duration.ofDays(2)), Optional.empty(), Optional.empty(), Optional.empty());
        database.oauth().insertToken(expired);
        String live = accessToken(grant, Set.of("mcp"), "p");
        OAuthClient forgotten = new OAuthClient(OAuthClientId.generated("f".repeat(40)), "forgotten",
                List.of(URI.create("https://forgotten.example/cb")), ClientAuthMethod.NONE, Optional.empty(),
                ClientKind.REGISTERED, NOW.minus(Duration.ofDays(91)), Optional.empty());
        database.oauth().saveClient(forgotten);
        record Scheduled(Runnable pass, Duration first, Duration every) {
        }
        List<Scheduled> scheduled = new ArrayList<>();
        var upkeep = new ScheduledThreadPoolExecutor(1) {
            @Override
            public ScheduledFuture<?> scheduleWithFixedDelay(Runnable pass, long first, long every, TimeUnit unit) {
                scheduled.add(new Scheduled(pass, Duration.of(first, unit.toChronoUnit()),
                        Duration.of(every, unit.toChronoUnit())));
                return super.scheduleWithFixedDelay(pass, first, every, unit);
            }
        };
        try {
            ScheduledFuture<?> pruning = wiring.pruneOn(upkeep);

            assertEquals(1, scheduled.size());
            assertEquals(Duration.ofMinutes(1), scheduled.getFirst().first());
            assertEquals(Duration.ofMinutes(10), scheduled.getFirst().every());
            assertFalse(pruning.isDone());
            scheduled.getFirst().pass().run();
        } finally {
            upkeep.shutdownNow();
        }
        assertEquals(Optional.empty(), database.oauth().findToken(expired.hash()));
        assertTrue(database.oauth().findToken(TokenHash.of(live)).isPresent());
        assertEquals(Optional.empty(), database.oauth().findClient(forgotten.id()));
        assertTrue(database.oauth().findClient(grant.client()).isPresent(), "its grant is live");
    }
}
