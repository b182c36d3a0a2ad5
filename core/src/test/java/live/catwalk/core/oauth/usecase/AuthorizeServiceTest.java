package live.catwalk.core.oauth.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.Role;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.mcp.fakes.MutableClock;
import live.catwalk.core.oauth.domain.AuthorizationCode;
import live.catwalk.core.oauth.domain.ClientKind;
import live.catwalk.core.oauth.domain.ClientMetadataDocument;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.oauth.domain.OAuthClientId;
import live.catwalk.core.oauth.domain.OAuthLifetimes;
import live.catwalk.core.oauth.domain.Pkce;
import live.catwalk.core.oauth.domain.Redemption;
import live.catwalk.core.oauth.port.in.Authorize;
import live.catwalk.core.oauth.port.in.Authorize.Outcome;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.fakes.FakeRandomness;
import live.catwalk.core.store.InMemoryStore;
import live.catwalk.core.store.StoreFixtures;
import live.catwalk.core.store.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The authorization endpoint's decisions, over the in-memory store and a stand-in for metadata documents. */
class AuthorizeServiceTest {

    private static final URI ISSUER = URI.create("https://catwalk.example/");
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = Pkce.s256(VERIFIER);
    private static final URI CLAUDE_ID = URI.create("https://claude.ai/oauth/mcp-oauth-client-metadata");
    private static final String CLAUDE_CALLBACK = "https://claude.ai/api/mcp/auth_callback";

    private final StoreFixtures fx = new StoreFixtures();
    private final Stores stores = new InMemoryStore().stores();
    private final MutableClock clock = new MutableClock(StoreFixtures.START);
    private final Map<URI, ClientMetadataDocument> published = new HashMap<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private Authorize authorize;
    private User ada;
    private User bob;
    private Principal asAda;
    private Deployment weather;
    private Deployment bobs;
    private OAuthClient registered;

    @BeforeEach
    void setUp() {
        authorize = new AuthorizeService(stores.oauth(), url -> {
            fetches.incrementAndGet();
            ClientMetadataDocument doc = published.get(url);
            if (doc == null) {
                throw CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, "The document did not answer.")
                        .withCode("client_metadata_unavailable");
            }
            return doc;
        }, stores.deployments(), new FakeRandomness(), clock, () -> ISSUER, OAuthLifetimes.DEFAULT);
        ada = fx.user("ada");
        bob = fx.user("bob");
        stores.users().insert(ada);
        stores.users().insert(bob);
        asAda = new Principal(ada.id(), Role.USER, new TokenId(java.util.UUID.randomUUID()));
        weather = stores.deployments().insert(fx.deployment(ada.id(), "weather"));
        bobs = stores.deployments().insert(fx.deployment(bob.id(), "bobs"));
        registered = fx.registeredClient();
        stores.oauth().saveClient(registered);
        published.put(CLAUDE_ID, ClientMetadataDocument.of(CLAUDE_ID, CLAUDE_ID.toString(), "Claude",
                List.of(CLAUDE_CALLBACK, "http://localhost/callback"), "none", false, null));
    }

    private Authorize.Request request(String clientId, String redirect, String resource) {
        return new Authorize.Request("code", clientId, redirect, "st4te", CHALLENGE, "S256", resource, "claudeai");
    }

    private Authorize.Request forRegistered(String resource) {
        return request(registered.id().value(), registered.redirectUris().getFirst().toString(), resource);
    }

    private static String resourceOf(Deployment d) {
        return ISSUER + "mcp/" + d.id().value();
    }

    private static Map<String, String> query(URI location) {
        Map<String, String> out = new HashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void aValidRequestForADeploymentOfTheUsersAsksForConsentNamingClientDeploymentAndScopes() {
        Outcome.Consent consent = assertInstanceOf(Outcome.Consent.class,
                authorize.review(asAda, forRegistered(resourceOf(weather))));
        assertEquals(registered.id(), consent.client().id());
        assertEquals(registered.redirectUris().getFirst(), consent.redirectUri());
        assertEquals(Optional.of(new Authorize.Target(weather.id(), "weather")), consent.deployment());
        assertEquals(Set.of("mcp"), consent.scopes(), "the unknown scope claudeai is ignored, not refused");
        assertFalse(consent.loopbackOnly());
        assertTrue(stores.oauth().grantsOf(weather.id()).isEmpty(), "a review grants nothing");
    }

    @Test
    void withoutAResourceTheUserChoosesAmongTheirOwnDeployments() {
        Outcome.Consent consent = assertInstanceOf(Outcome.Consent.class, authorize.review(asAda, forRegistered(null)));
        assertEquals(Optional.empty(), consent.deployment());
        assertEquals(List.of(new Authorize.Target(weather.id(), "weather")), consent.choices(), "not bob's");

        Outcome.Redirect done = assertInstanceOf(Outcome.Redirect.class, authorize.decide(asAda, forRegistered(null),
                new Authorize.Answer(true, Optional.of(weather.id()))));
        assertTrue(query(done.location()).containsKey("code"));
        assertInstanceOf(Outcome.Refused.class, authorize.decide(asAda, forRegistered(null),
                new Authorize.Answer(true, Optional.of(bobs.id()))), "someone else's deployment");
        assertInstanceOf(Outcome.Refused.class, authorize.decide(asAda, forRegistered(null),
                new Authorize.Answer(true, Optional.empty())), "no choice made");
    }

    @Test
    void allowingStoresAGrantAndASingleUseCodeBoundToEverythingTheRequestSaid() {
        Outcome.Redirect done = assertInstanceOf(Outcome.Redirect.class, authorize.decide(asAda,
                forRegistered(resourceOf(weather)), new Authorize.Answer(true, Optional.empty())));
        URI location = done.location();
        assertTrue(location.toString().startsWith(registered.redirectUris().getFirst() + "?"), location.toString());
        Map<String, String> q = query(location);
        assertEquals("st4te", q.get("state"));
        assertEquals("https://catwalk.example", q.get("iss"));
        String code = q.get("code");
        assertTrue(code.startsWith("cwo_"), code);

        var grant = stores.oauth().liveGrant(ada.id(), registered.id(), weather.id()).orElseThrow();
        assertEquals(Set.of("mcp"), grant.scopes());
        Redemption redeemed = stores.oauth().redeemCode(TokenHash.of(code), clock.instant());
        AuthorizationCode stored = assertInstanceOf(Redemption.Redeemed.class, redeemed).code();
        assertEquals(grant.id(), stored.grant());
        assertEquals(registered.redirectUris().getFirst(), stored.redirectUri());
        assertEquals(CHALLENGE, stored.codeChallenge());
        assertEquals(URI.create(resourceOf(weather)), stored.resource());
        assertEquals(StoreFixtures.START.plus(Duration.ofMinutes(10)), stored.expiresAt());

        authorize.decide(asAda, forRegistered(resourceOf(weather)), new Authorize.Answer(true, Optional.empty()));
        assertEquals(1, stores.oauth().grantsOf(weather.id()).size(), "consenting again reuses the live grant");
    }

    @Test
    void denyingSendsAccessDeniedBackWithStateAndIssuer() {
        Outcome.Redirect denied = assertInstanceOf(Outcome.Redirect.class, authorize.decide(asAda,
                forRegistered(resourceOf(weather)), new Authorize.Answer(false, Optional.empty())));
        Map<String, String> q = query(denied.location());
        assertEquals("access_denied", q.get("error"));
        assertEquals("st4te", q.get("state"));
        assertEquals("https://catwalk.example", q.get("iss"));
        assertTrue(stores.oauth().grantsOf(weather.id()).isEmpty());
    }

    @Test
    void anUnknownClientOrAForeignRedirectUriIsAPageNeverARedirect() {
        assertInstanceOf(Outcome.Refused.class, authorize.review(asAda,
                request("cwc_" + "u".repeat(40), "https://evil.example/cb", null)));
        assertInstanceOf(Outcome.Refused.class, authorize.review(asAda, request("not a client", null, null)));
        assertInstanceOf(Outcome.Refused.class, authorize.review(asAda, request(null, null, null)));
        for (String redirect : List.of("https://evil.example/callback", registered.redirectUris().getFirst() + "/x",
                "javascript:alert(1)", "")) {
            Outcome o = authorize.review(asAda, request(registered.id().value(), redirect, resourceOf(weather)));
            assertInstanceOf(Outcome.Refused.class, o, redirect);
        }
        Outcome.Refused longState = assertInstanceOf(Outcome.Refused.class, authorize.review(asAda,
                new Authorize.Request("code", registered.id().value(), null, "s".repeat(1001), CHALLENGE, "S256",
                        null, null)));
        assertEquals("invalid_request", longState.error());
    }

    @Test
    void laterErrorsGoBackToTheRedirectUri() {
        String id = registered.id().value();
        String redirect = registered.redirectUris().getFirst().toString();
        Map<String, String> noPkce = query(assertInstanceOf(Outcome.Redirect.class, authorize.review(asAda,
                new Authorize.Request("code", id, redirect, "s", null, null, null, null))).location());
        assertEquals("invalid_request", noPkce.get("error"));
        assertEquals("s", noPkce.get("state"));
        Map<String, String> plain = query(assertInstanceOf(Outcome.Redirect.class, authorize.review(asAda,
                new Authorize.Request("code", id, redirect, "s", CHALLENGE, "plain", null, null))).location());
        assertEquals("invalid_request", plain.get("error"));
        Map<String, String> token = query(assertInstanceOf(Outcome.Redirect.class, authorize.review(asAda,
                new Authorize.Request("token", id, redirect, "s", CHALLENGE, "S256", null, null))).location());
        assertEquals("unsupported_response_type", token.get("error"));
        for (String resource : List.of(resourceOf(bobs), "https://other.example/mcp/" + weather.id().value(),
                ISSUER + "mcp/no-such-deployment", "not a uri")) {
            Map<String, String> q = query(assertInstanceOf(Outcome.Redirect.class, authorize.review(asAda,
                    forRegistered(resource))).location());
            assertEquals("invalid_target", q.get("error"), resource);
        }
    }

    @Test
    void aMetadataDocumentClientIsFetchedStoredAndItsLoopbackRedirectMatchesAnyPort() {
        Outcome.Consent consent = assertInstanceOf(Outcome.Consent.class, authorize.review(asAda,
                request(CLAUDE_ID.toString(), "http://localhost:33418/callback", resourceOf(weather))));
        assertEquals("Claude", consent.client().name());
        assertEquals(ClientKind.METADATA_DOCUMENT, consent.client().kind());
        assertEquals(URI.create("http://localhost:33418/callback"), consent.redirectUri());
        assertTrue(stores.oauth().findClient(new OAuthClientId(CLAUDE_ID.toString())).isPresent(),
                "the token endpoint will know it");
        assertInstanceOf(Outcome.Refused.class, authorize.review(asAda,
                request(CLAUDE_ID.toString(), "https://claude.ai/elsewhere", resourceOf(weather))));
        Outcome.Refused down = assertInstanceOf(Outcome.Refused.class, authorize.review(asAda,
                request("https://down.example/client.json", CLAUDE_CALLBACK, resourceOf(weather))));
        assertEquals("client_metadata_unavailable", down.error());
    }

    @Test
    void aClientWhoseRedirectsAreAllLoopbackIsFlagged() {
        OAuthClient local = new OAuthClient(OAuthClientId.generated("l".repeat(40)), "local tool",
                List.of(URI.create("http://127.0.0.1/cb")), registered.authMethod(), Optional.empty(),
                ClientKind.REGISTERED, clock.instant(), Optional.empty());
        stores.oauth().saveClient(local);
        Outcome.Consent consent = assertInstanceOf(Outcome.Consent.class, authorize.review(asAda,
                request(local.id().value(), "http://127.0.0.1:5555/cb", resourceOf(weather))));
        assertTrue(consent.loopbackOnly());
    }

    @Test
    void aDecisionChecksTheRequestAgainSoNothingTheConsentPageCarriedIsTrusted() {
        Outcome o = authorize.decide(asAda, request(registered.id().value(), "https://evil.example/cb",
                resourceOf(weather)), new Authorize.Answer(true, Optional.empty()));
        assertInstanceOf(Outcome.Refused.class, o);
        Outcome other = authorize.decide(asAda, forRegistered(resourceOf(weather)),
                new Authorize.Answer(true, Optional.of(new DeploymentId("another-one"))));
        assertInstanceOf(Outcome.Refused.class, other, "an answer naming another deployment than the request");
        assertTrue(stores.oauth().grantsOf(weather.id()).isEmpty());
    }
}
