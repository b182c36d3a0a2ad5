package live.catwalk.adapters.llm.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Optional;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.CatwalkException.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GitHub saying no, or nothing usable: rate limits, refusals, errors, redirects and answers of the wrong shape. */
class GithubApiFailuresIT {

    @RegisterExtension
    static final WireMockExtension GITHUB = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).failOnUnmatchedRequests(false).build();

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String TOKEN = "ghp_testTokenThatMustNeverBeShown";
    private static final String SHA = "b2a3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5";
    /** 2026-12-05T14:00:00Z */
    private static final String RESET = "1796479200";

    @AfterAll
    static void closeTheClient() {
        CLIENT.close();
    }

    @Test
    void aSpentRateLimitSaysWhenItResetsInUtcAndSuggestsAToken() {
        answer("/repos/acme/tool", aResponse().withStatus(403).withHeader("x-ratelimit-limit", "60")
                .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", RESET)
                .withBody("{\"message\":\"API rate limit exceeded for 203.0.113.7.\"}"));

        CatwalkException e = failure(() -> anonymous().repository("acme", "tool"));

        assertEquals(Kind.LIMIT_EXCEEDED, e.kind());
        assertEquals("github_rate_limited", e.code());
        assertEquals("GitHub's API rate limit is spent", e.getMessage());
        assertEquals(Optional.of("it resets at 2026-12-05T14:00:00Z, or set GITHUB_TOKEN for a higher limit"), e.hint());
    }

    @Test
    void aSpentRateLimitWithATokenSaysOnlyWhenItResets() {
        answer("/repos/acme/tool/commits/main", aResponse().withStatus(429).withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", RESET));

        CatwalkException e = failure(() -> api().commit("acme/tool", "main"));

        assertEquals("github_rate_limited", e.code());
        assertEquals(Optional.of("it resets at 2026-12-05T14:00:00Z"), e.hint());
    }

    @Test
    void aSecondaryRateLimitSaysHowLongToWait() {
        answer("/repos/acme/tool", aResponse().withStatus(403).withHeader("x-ratelimit-remaining", "4999")
                .withHeader("retry-after", "60")
                .withBody("{\"message\":\"You have exceeded a secondary rate limit.\"}"));

        CatwalkException e = failure(() -> api().repository("acme", "tool"));

        assertEquals(Kind.LIMIT_EXCEEDED, e.kind());
        assertEquals("github_rate_limited", e.code());
        assertEquals(Optional.of("retry after 60 seconds"), e.hint());
    }

    @Test
    void aRefusedTokenIsUnavailableAndSaysToCheckItWithoutShowingIt() {
        answer("/repos/acme/tool", aResponse().withStatus(401).withBody("{\"message\":\"Bad credentials\"}"));

        CatwalkException e = failure(() -> api().repository("acme", "tool"));

        assertEquals(Kind.UPSTREAM_UNAVAILABLE, e.kind());
        assertEquals("github_unavailable", e.code());
        assertEquals("GitHub refused the token (HTTP 401)", e.getMessage());
        assertEquals(Optional.of("check GITHUB_TOKEN: it may be wrong, expired or revoked; Catwalk asked "
                + GITHUB.baseUrl() + "/repos/acme/tool; check that this machine can reach it, or set "
                + "CATWALK_GITHUB_API_URL to a GitHub API it can reach"), e.hint());
    }

    @Test
    void aTokenAskedForButNotSetIsUnavailableAndSaysToSetOne() {
        answer("/repos/acme/tool", aResponse().withStatus(401).withBody("{\"message\":\"Requires authentication\"}"));

        CatwalkException e = failure(() -> anonymous().repository("acme", "tool"));

        assertEquals("GitHub asks for a token (HTTP 401)", e.getMessage());
        assertTrue(e.hint().orElseThrow().startsWith("set GITHUB_TOKEN; Catwalk asked " + GITHUB.baseUrl()));
    }

    @Test
    void aTokenThatCannotBeSentIsRefusedWithoutBeingShown() {
        for (String token : List.of(TOKEN + "\u0001", TOKEN + " x", TOKEN + "é", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GithubApi.builder(CLIENT).token(new SecretValue(token)), token);
            assertFalse(e.getMessage().contains(TOKEN));
        }
    }

    @Test
    void aForbiddenAnswerThatIsNoRateLimitIsUnavailable() {
        answer("/repos/acme/tool", aResponse().withStatus(403).withHeader("x-ratelimit-remaining", "4999")
                .withBody("{\"message\":\"Resource not accessible by personal access token\"}"));

        CatwalkException e = failure(() -> api().repository("acme", "tool"));

        assertEquals("github_unavailable", e.code());
        assertEquals("GitHub answered HTTP 403", e.getMessage());
    }

    @Test
    void aServerErrorIsUnavailableNamingTheUrlAskedAndTheSetting() {
        answer("/repos/acme/tool/git/trees/" + SHA + "?recursive=1", serverError().withBody("trace " + TOKEN));
        GithubApi api = GithubApi.builder(CLIENT).baseUri(URI.create(GITHUB.baseUrl()))
                .token(new SecretValue(TOKEN)).settingName("MY_GITHUB").build();

        CatwalkException e = failure(() -> api.tree("acme/tool", SHA));

        assertEquals(Kind.UPSTREAM_UNAVAILABLE, e.kind());
        assertEquals("GitHub failed (HTTP 500)", e.getMessage());
        assertEquals(Optional.of("Catwalk asked " + GITHUB.baseUrl() + "/repos/acme/tool/git/trees/" + SHA
                + "; check that this machine can reach it, or set MY_GITHUB to a GitHub API it can reach"), e.hint());
    }

    @Test
    void anUnavailableServiceIsUnavailable() {
        answer("/repos/acme/tool/contents/README.md?ref=" + SHA, aResponse().withStatus(503));

        assertEquals("GitHub failed (HTTP 503)", failure(() -> api().file("acme/tool", SHA, "README.md")).getMessage());
    }

    @Test
    void aRedirectToAnotherHostIsRefusedUnfollowed() {
        answer("/repos/acme/tool", aResponse().withStatus(301)
                .withHeader("Location", "http://127.0.0.1:" + GITHUB.getPort() + "/repositories/1"));
        answer("/repositories/1", okJson("{\"full_name\":\"acme/tool\",\"default_branch\":\"main\"}"));

        CatwalkException e = failure(() -> api().repository("acme", "tool"));

        assertEquals("github_unavailable", e.code());
        assertEquals("GitHub redirected to another host", e.getMessage());
        assertTrue(e.hint().orElseThrow().startsWith("Catwalk asked " + GITHUB.baseUrl() + "/repos/acme/tool;"));
        GITHUB.verify(0, getRequestedFor(urlEqualTo("/repositories/1")));
    }

    @Test
    void aClientThatWouldFollowRedirectsOnItsOwnIsRefused() {
        try (HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()) {
            assertThrows(IllegalArgumentException.class, () -> GithubApi.builder(following));
        }
    }

    @Test
    void malformedJsonIsUnavailable() {
        answer("/repos/acme/tool", okJson("{\"full_name\":\"acme/tool\",\"default_bra"));

        assertEquals("GitHub answered malformed JSON", failure(() -> api().repository("acme", "tool")).getMessage());
    }

    @Test
    void jsonOfTheWrongShapeIsUnavailable() {
        answer("/repos/acme/tool", okJson("[{\"full_name\":\"acme/tool\"}]"));
        answer("/repos/acme/other", okJson("{\"full_name\":\"acme/other\",\"private\":false}"));
        answer("/repos/acme/tool/git/trees/" + SHA + "?recursive=1", okJson("{\"sha\":\"" + SHA + "\"}"));

        assertEquals("GitHub answered JSON that is not an object",
                failure(() -> api().repository("acme", "tool")).getMessage());
        assertEquals("GitHub answered a repository without a valid full_name and default_branch",
                failure(() -> api().repository("acme", "other")).getMessage());
        assertEquals("GitHub answered a tree without a file list", failure(() -> api().tree("acme/tool", SHA))
                .getMessage());
    }

    @Test
    void aMalformedShaIsUnavailable() {
        answer("/repos/acme/tool/commits/main", okJson("{\"sha\":\"b2a3c4d\"}"));

        CatwalkException e = failure(() -> api().commit("acme/tool", "main"));

        assertEquals("github_unavailable", e.code());
        assertEquals("GitHub answered a malformed sha", e.getMessage());
    }

    @Test
    void anUnreachableApiIsUnavailableNamingIt() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        GithubApi api = GithubApi.builder(CLIENT).baseUri(URI.create("http://127.0.0.1:" + port + "/api/v3"))
                .token(new SecretValue(TOKEN)).build();

        CatwalkException e = failure(() -> api.repository("acme", "tool"));

        assertEquals("GitHub could not be reached", e.getMessage());
        assertTrue(e.hint().orElseThrow().startsWith("Catwalk asked http://127.0.0.1:" + port
                + "/api/v3/repos/acme/tool;"));
    }

    private static void answer(String url, ResponseDefinitionBuilder response) {
        GITHUB.stubFor(get(urlEqualTo(url)).willReturn(response));
    }

    /** The CatwalkException {@code call} throws, having checked the token appears nowhere in it or its causes. */
    static CatwalkException failure(Executable call) {
        CatwalkException e = assertThrows(CatwalkException.class, call);
        assertFalse(e.hint().orElse("").contains(TOKEN), "the token is in the hint");
        if (e.kind() == Kind.UPSTREAM_UNAVAILABLE) {
            assertTrue(e.hint().orElseThrow().contains("Catwalk asked http://"), "the URL asked: " + e.hint());
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(TOKEN), "the token is in a message");
            assertFalse(t.toString().contains(TOKEN), "the token is in an exception");
        }
        return e;
    }

    private static GithubApi api() {
        return GithubApi.builder(CLIENT).baseUri(URI.create(GITHUB.baseUrl())).token(new SecretValue(TOKEN)).build();
    }

    private static GithubApi anonymous() {
        return GithubApi.builder(CLIENT).baseUri(URI.create(GITHUB.baseUrl())).build();
    }
}
