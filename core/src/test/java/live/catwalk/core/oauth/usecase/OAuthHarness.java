package live.catwalk.core.oauth.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.mcp.fakes.MutableClock;
import live.catwalk.core.oauth.domain.AuthorizationCode;
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
import live.catwalk.core.oauth.domain.Pkce;
import live.catwalk.core.oauth.domain.ResourceUris;
import live.catwalk.core.oauth.domain.TokenError;
import live.catwalk.core.oauth.port.in.ExchangeToken;
import live.catwalk.core.oauth.port.out.OAuthStore;
import live.catwalk.core.shared.fakes.FakeRandomness;
import live.catwalk.core.store.InMemoryStore;
import live.catwalk.core.store.StoreFixtures;
import live.catwalk.core.store.Stores;

/**
 * The OAuth use cases' world for one test: an in-memory store, a clock moved by hand, predictable randomness, and
 * helpers that store users, deployments, clients, grants and codes. Every raw secret it hands out is remembered, so a
 * test can assert that no description repeats one.
 */
final class OAuthHarness {

    static final URI BASE = URI.create("https://catwalk.example/");
    /** RFC 7636 Appendix B's verifier. */
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final String REDIRECT = "https://claude.ai/api/mcp/auth_callback";

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    final Stores stores = new InMemoryStore().stores();
    final OAuthStore oauth = stores.oauth();
    final FakeRandomness randomness = new FakeRandomness();
    final StoreFixtures fixtures = new StoreFixtures();
    final List<String> secrets = new ArrayList<>(List.of(VERIFIER));

    final ExchangeTokenService exchange = new ExchangeTokenService(oauth, BASE, OAuthLifetimes.DEFAULT, randomness,
            clock);

    /** A client's raw secret, alongside the client stored with its hash. */
    record SecretClient(OAuthClient client, String secret) {
        ClientCredentials basic() {
            return ClientCredentials.basic(client.id().value(), secret);
        }

        ClientCredentials post() {
            return ClientCredentials.post(client.id().value(), secret);
        }
    }

    User user(String name) {
        User user = fixtures.user(name);
        stores.users().insert(user);
        return user;
    }

    Deployment deployment(User owner, String name) {
        return stores.deployments().insert(fixtures.deployment(owner.id(), name));
    }

    /** A stored public client from registration. */
    OAuthClient publicClient() {
        OAuthClient client = new OAuthClient(OAuthClientId.generated(randomness.secret()), "Public",
                List.of(URI.create(REDIRECT)), ClientAuthMethod.NONE, Optional.empty(), ClientKind.REGISTERED,
                clock.instant(), Optional.empty());
        oauth.saveClient(client);
        return client;
    }

    /** A stored confidential client that authenticates with {@code method}. */
    SecretClient secretClient(ClientAuthMethod method) {
        String secret = remember(OAuthSecret.CLIENT_SECRET.mint(randomness.secret()));
        OAuthClient client = new OAuthClient(OAuthClientId.generated(randomness.secret()), "Confidential",
                List.of(URI.create(REDIRECT)), method, Optional.of(TokenHash.of(secret)), ClientKind.REGISTERED,
                clock.instant(), Optional.empty());
        oauth.saveClient(client);
        return new SecretClient(client, secret);
    }

    /** A stored metadata-document client, as the authorization step stores one. */
    OAuthClient documentClient() {
        OAuthClient client = fixtures.documentClient();
        oauth.saveClient(client);
        return client;
    }

    /** A live grant of {@code mcp} and {@code offline_access}, given now. */
    Grant grant(User user, OAuthClient client, Deployment deployment) {
        return grant(user, client, deployment, Set.of("mcp", "offline_access"));
    }

    Grant grant(User user, OAuthClient client, Deployment deployment, Set<String> scopes) {
        Grant grant = Grant.given(new GrantId(randomness.uuid()), user.id(), client.id(), deployment.id(), scopes,
                clock.instant());
        oauth.insertGrant(grant);
        return grant;
    }

    /** A raw code of {@code grant} for {@link #REDIRECT} and {@link #VERIFIER}, stored by hash, for 10 minutes. */
    String code(Grant grant) {
        String code = remember(OAuthSecret.CODE.mint(randomness.secret()));
        oauth.insertCode(new AuthorizationCode(TokenHash.of(code), grant.id(), URI.create(REDIRECT),
                Pkce.s256(VERIFIER), ResourceUris.of(BASE, grant.deployment()), grant.scopes(),
                clock.instant().plus(OAuthLifetimes.DEFAULT.code()), Optional.empty()));
        return code;
    }

    /** The canonical resource of a deployment, as a parameter would send it. */
    static String resource(Deployment deployment) {
        return ResourceUris.of(BASE, deployment.id()).toString();
    }

    /** A token request for a code, as a public client sends it. */
    static ExchangeToken.Command codeRequest(String code, ClientCredentials client) {
        return new ExchangeToken.Command("authorization_code", code, REDIRECT, VERIFIER, null, null, null, client);
    }

    /** A refresh request without scope or resource. */
    static ExchangeToken.Command refreshRequest(String refreshToken, ClientCredentials client) {
        return new ExchangeToken.Command("refresh_token", null, null, null, refreshToken, null, null, client);
    }

    static ClientCredentials none(OAuthClient client) {
        return ClientCredentials.none(client.id().value());
    }

    /** Exchanges a fresh code of {@code grant} by a public client; its tokens are remembered as secrets. */
    ExchangeToken.Result.Issued tokens(Grant grant, ClientCredentials client) {
        return issued(exchange.exchange(codeRequest(code(grant), client)));
    }

    /** {@code result} as tokens, which are remembered as secrets. */
    ExchangeToken.Result.Issued issued(ExchangeToken.Result result) {
        ExchangeToken.Result.Issued issued = assertInstanceOf(ExchangeToken.Result.Issued.class, result);
        remember(issued.accessToken());
        issued.refreshToken().ifPresent(this::remember);
        return issued;
    }

    /** Asserts a refusal with {@code error} whose description repeats no secret handed out; returns the description. */
    String refused(ExchangeToken.Result result, TokenError error) {
        ExchangeToken.Result.Refused refused = assertInstanceOf(ExchangeToken.Result.Refused.class, result);
        assertEquals(error, refused.error(), refused.description());
        return secretFree(refused.description());
    }

    /** Asserts that {@code text} contains none of the secrets handed out (nor their random parts). */
    String secretFree(String text) {
        for (String secret : secrets) {
            assertFalse(text.contains(secret), () -> "'" + text + "' repeats a secret");
            assertFalse(text.contains(secret.substring(4)), () -> "'" + text + "' repeats a secret's random part");
        }
        return text;
    }

    String remember(String secret) {
        secrets.add(secret);
        return secret;
    }

    OAuthToken stored(String rawToken) {
        return oauth.findToken(TokenHash.of(rawToken)).orElseThrow();
    }

    Grant stored(Grant grant) {
        return oauth.findGrant(grant.id()).orElseThrow();
    }

    /** {@code c} with another {@code resource}. */
    static ExchangeToken.Command withResource(ExchangeToken.Command c, String resource) {
        return new ExchangeToken.Command(c.grantType(), c.code(), c.redirectUri(), c.codeVerifier(), c.refreshToken(), resource,
                c.scope(), c.client());
    }

    /** {@code c} with another {@code scope}. */
    static ExchangeToken.Command withScope(ExchangeToken.Command c, String scope) {
        return new ExchangeToken.Command(c.grantType(), c.code(), c.redirectUri(), c.codeVerifier(), c.refreshToken(),
                c.resource(), scope, c.client());
    }
}
