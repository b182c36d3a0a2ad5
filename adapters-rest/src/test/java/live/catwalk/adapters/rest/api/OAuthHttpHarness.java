package live.catwalk.adapters.rest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.oauth.domain.ClientAuthMethod;
import live.catwalk.core.oauth.domain.ClientKind;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.oauth.domain.OAuthClientId;
import live.catwalk.core.oauth.domain.OAuthLifetimes;
import live.catwalk.core.oauth.domain.Pkce;
import live.catwalk.core.oauth.domain.Redemption;
import live.catwalk.core.oauth.port.in.Authorize;
import live.catwalk.adapters.rest.oauth.AuthorizationServer;
import live.catwalk.core.oauth.usecase.AuthorizeService;
import live.catwalk.core.oauth.usecase.ConnectedAppsService;
import live.catwalk.core.oauth.usecase.ExchangeTokenService;
import live.catwalk.core.oauth.usecase.RegisterClientService;
import live.catwalk.core.oauth.usecase.RevokeOAuthTokenService;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.fakes.FakeRandomness;
import live.catwalk.core.store.InMemoryStore;
import live.catwalk.core.store.StoreFixtures;
import live.catwalk.core.store.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Catwalk's authorization server over HTTP, on the real services and an in-memory store: a signed-in user (Alice),
 * her deployment, a registered public client, and the steps of the flow as helpers.
 */
abstract class OAuthHttpHarness extends ApiServer {

    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    final Stores stores = new InMemoryStore().stores();
    final StoreFixtures fx = new StoreFixtures();
    OAuthClient app;
    Deployment weather;
    String cookie;

    final FakeRandomness randomness = new FakeRandomness();

    {
        // The control plane's connected applications, over the same store as the authorization server.
        fake.apps = new ConnectedAppsService(stores.oauth(), stores.deployments(), Clock.systemUTC());
    }

    @Override
    Optional<AuthorizationServer> authorizationServer() {
        Clock clock = Clock.systemUTC();
        Authorize authorize = new AuthorizeService(stores.oauth(), url -> {
            throw CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, "no documents here")
                    .withCode("client_metadata_unavailable");
        }, stores.deployments(), randomness, clock, () -> base, OAuthLifetimes.DEFAULT);
        return Optional.of(new AuthorizationServer(authorize,
                new ExchangeTokenService(stores.oauth(), () -> base, OAuthLifetimes.DEFAULT, randomness, clock),
                new RegisterClientService(stores.oauth(), randomness, clock),
                new RevokeOAuthTokenService(stores.oauth(), clock), this::deploymentExists));
    }

    @Override
    boolean deploymentExists(String id) {
        return weather != null && weather.id().value().equals(id);
    }

    @BeforeEach
    void aUserADeploymentAndAClient() throws Exception {
        stores.users().insert(fake.alice);
        weather = stores.deployments().insert(fx.deployment(fake.alice.id(), "weather"));
        app = new OAuthClient(OAuthClientId.generated("k".repeat(40)), "Tool <script>alert(1)</script>",
                List.of(URI.create("https://app.example/callback?tenant=1")), ClientAuthMethod.NONE, Optional.empty(),
                ClientKind.REGISTERED, java.time.Instant.now(), Optional.empty());
        stores.oauth().saveClient(app);
        HttpResponse<String> signedIn = call("POST", "/api/session",
                "{\"token\": \"" + FakeControlPlane.ALICE_TOKEN + "\"}", null);
        cookie = BrowserSessionIT.pair(signedIn);
    }

    Map<String, String> params(String resource) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", app.id().value());
        p.put("redirect_uri", app.redirectUris().getFirst().toString());
        p.put("state", "xyz \"&<");
        p.put("code_challenge", Pkce.s256(VERIFIER));
        p.put("code_challenge_method", "S256");
        if (resource != null) {
            p.put("resource", resource);
        }
        p.put("scope", "mcp claudeai");
        return p;
    }

    static String form(Map<String, String> p) {
        return p.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    String resource() {
        return base.resolve("mcp/" + weather.id().value()).toString();
    }

    HttpResponse<String> get(String query, String withCookie) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve("/authorize?" + query)).GET();
        if (withCookie != null) {
            r.header("Cookie", withCookie);
        }
        return client().send(r.build(), BodyHandlers.ofString());
    }

    HttpResponse<String> post(String body, String withCookie) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve("/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString(body));
        if (withCookie != null) {
            r.header("Cookie", withCookie);
        }
        return client().send(r.build(), BodyHandlers.ofString());
    }

    /** ApiServer's client, which never follows redirects: the tests read them. */
    private java.net.http.HttpClient client() {
        return super.client;
    }

    static Map<String, String> query(String location) {
        Map<String, String> out = new HashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    static String csrf(HttpResponse<String> page) {
        Matcher m = CSRF.matcher(page.body());
        assertTrue(m.find(), page.body());
        return m.group(1);
    }

    /** A code through the consent page, for the registered client and Alice's deployment. */
    String code() throws Exception {
        Map<String, String> p = params(resource());
        p.put("csrf", csrf(get(form(p), cookie)));
        p.put("decision", "allow");
        HttpResponse<String> answer = post(form(p), cookie);
        assertEquals(303, answer.statusCode(), answer.body());
        return query(answer.headers().firstValue("Location").orElseThrow()).get("code");
    }
}
