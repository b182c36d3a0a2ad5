package live.catwalk.adapters.rest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import live.catwalk.adapters.rest.RateLimits;
import live.catwalk.adapters.rest.TrustedProxies;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.shared.limit.RateLimit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control plane's rate limits over HTTP: failed authentications per address (bearer, sign-in) and
 * per token prefix, and a token's request budget; 429 with Retry-After and a problem naming the limit, lifted when the
 * window ends. The test client is 127.0.0.1, trusted as a proxy, so X-Forwarded-For plays other clients.
 */
class RateLimitsIT extends ApiServer {

    /** Well-formed personal tokens (a visible prefix, cwk_ and 8 characters): Carol's valid, and a guess at it. */
    private static final String CAROL = "cwk_CaRoLpre" + "x".repeat(32);
    private static final String GUESS = "cwk_CaRoLpre" + "y".repeat(32);

    @Override
    RateLimits rateLimits() {
        return new RateLimits(Optional.of(new RateLimit(3, Duration.ofMinutes(1))),
                Optional.of(new RateLimit(5, Duration.ofMinutes(1))), Optional.of(new RateLimit(4, Duration.ofMinutes(1))),
                Optional.empty(), TrustedProxies.parse("127.0.0.1"));
    }

    @BeforeEach
    void carol() {
        fake.principals.put(CAROL, new Principal(fake.bob.id(), fake.bob.role(), new TokenId(new UUID(3, 3))));
    }

    private HttpResponse<String> me(String token, String from) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve("/api/me")).header("Authorization", "Bearer " + token)
                .header("X-Forwarded-For", from).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode assertLimited(HttpResponse<String> response, String limit, long seconds) throws Exception {
        JsonNode problem = assertProblem(response, 429, "authentication_rate_limited");
        assertEquals(String.valueOf(seconds), response.headers().firstValue("Retry-After").orElse(""));
        assertEquals(seconds, problem.path("retryAfter").asLong(), response.body());
        assertTrue(problem.path("message").asText().contains(limit)
                && problem.path("message").asText().contains("retry in " + seconds + " s"), response.body());
        return problem;
    }

    @Test
    void anAddressThatFailedTooOftenIsRefusedEvenWithAValidTokenUntilItsWindowEnds() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertProblem(me("cwk_wrong" + i, "198.51.100.1"), 401, "unauthorized");
        }
        clock.advance(Duration.ofSeconds(20));
        int checked = fake.presentedTokens.size();

        assertLimited(me(FakeControlPlane.ALICE_TOKEN, "198.51.100.1"), "3 failed authentications a minute", 40);
        assertEquals(checked, fake.presentedTokens.size(), "a refused address's credential is not even checked");
        assertEquals(200, me(FakeControlPlane.ALICE_TOKEN, "198.51.100.2").statusCode(), "another client is not");

        clock.advance(Duration.ofSeconds(40));
        assertEquals(200, me(FakeControlPlane.ALICE_TOKEN, "198.51.100.1").statusCode());
    }

    @Test
    void aTokenPrefixThatFailedTooOftenIsRefusedFromEveryAddressAndOnlyItsPrefixIsShown() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertProblem(me(GUESS, "203.0.113." + i), 401, "unauthorized");
        }

        JsonNode problem = assertLimited(me(CAROL, "203.0.113.99"), "5 failed authentications a minute", 60);
        assertTrue(problem.path("message").asText().contains("cwk_CaRoLpre"), problem.toString());
        assertFalse(problem.toString().contains(CAROL) || problem.toString().contains("xxxxxxxx"), problem.toString());
        assertEquals(200, me(FakeControlPlane.ALICE_TOKEN, "203.0.113.99").statusCode(), "other tokens pass");
    }

    @Test
    void anUntrustedPeersForwardedForIsIgnored() throws Exception {
        // Every request comes from 127.0.0.1; with no proxy trusted its X-Forwarded-For names nobody.
        server.stop(Duration.ZERO);
        var builder = live.catwalk.adapters.rest.RestServer.builder("127.0.0.1", 0)
                .controlPlane(fake.controlPlane(Optional.empty()))
                .rateLimits(new RateLimits(Optional.of(new RateLimit(2, Duration.ofMinutes(1))), Optional.empty(),
                        Optional.empty(), Optional.empty(), TrustedProxies.none()), clock);
        server = builder.build();
        base = server.start();
        assertProblem(me("cwk_wrong1", "198.51.100.1"), 401, "unauthorized");
        assertProblem(me("cwk_wrong2", "198.51.100.2"), 401, "unauthorized");

        assertLimited(me(FakeControlPlane.ALICE_TOKEN, "198.51.100.3"), "2 failed authentications a minute", 60);
    }

    @Test
    void aWrongSignInTokenIsAFailureAndThenEvenASessionIsRefusedButAnEndedSessionCountsNothing() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertProblem(withCookie("cws_ended", "192.0.2.5"), 401, "session_ended"); // a tab retrying its stream
        }
        String cookie = BrowserSessionIT.pair(signIn(FakeControlPlane.ALICE_TOKEN, "192.0.2.5"));
        assertEquals(200, withCookie(cookie.substring(cookie.indexOf('=') + 1), "192.0.2.5").statusCode());
        for (int i = 0; i < 3; i++) {
            assertProblem(signIn("cwk_wrong" + i, "192.0.2.5"), 401, "unauthorized");
        }

        assertLimited(signIn(FakeControlPlane.ALICE_TOKEN, "192.0.2.5"), "3 failed authentications a minute", 60);
        assertLimited(withCookie(cookie.substring(cookie.indexOf('=') + 1), "192.0.2.5"),
                "3 failed authentications a minute", 60);
        assertEquals(201, signIn(FakeControlPlane.ALICE_TOKEN, "192.0.2.6").statusCode());
    }

    private HttpResponse<String> withCookie(String secret, String from) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve("/api/me")).header("Cookie", "catwalk_session=" + secret)
                .header("X-Forwarded-For", from).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTokenHasARequestBudgetAWindowAndOthersKeepTheirs() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertEquals(200, me(CAROL, "192.0.2.1").statusCode(), "request " + i);
        }

        HttpResponse<String> spent = me(CAROL, "192.0.2.2");
        JsonNode problem = assertProblem(spent, 429, "token_rate_limited");
        assertEquals("60", spent.headers().firstValue("Retry-After").orElse(""));
        assertTrue(problem.path("message").asText().contains("4 requests a minute"), spent.body());
        assertEquals(200, me(FakeControlPlane.ALICE_TOKEN, "192.0.2.2").statusCode(),
                "a token without a visible prefix (this fake's) has no budget; another token is not touched");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(200, me(CAROL, "192.0.2.2").statusCode());
    }

    private HttpResponse<String> signIn(String token, String from) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve("/api/session")).header("Content-Type", "application/json")
                .header("X-Forwarded-For", from)
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\": \"" + token + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
