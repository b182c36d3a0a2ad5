package live.catwalk.adapters.llm.github;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import live.catwalk.core.analysis.port.out.RepositoryHost;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GithubApiIT {

    @RegisterExtension
    static final WireMockExtension GITHUB = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).failOnUnmatchedRequests(false).build();

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String SHA = "d8979707e71051e3c7583bc66ef78fb425107fdc";
    private static final String TOKEN = "ghp_secretTokenValue0123";

    @AfterAll
    static void closeTheClient() {
        CLIENT.close();
    }

    private static GithubApi api(boolean withToken) {
        GithubApi.Builder b = GithubApi.builder(CLIENT).baseUri(URI.create(GITHUB.baseUrl()))
                .timeout(Duration.ofSeconds(2));
        if (withToken) {
            b.token(new SecretValue(TOKEN));
        }
        return b.build();
    }

    private static final String REPO = """
            {"id": 1, "name": "linear-mcp-server", "full_name": "jerhadf/linear-mcp-server", "private": false,
             "owner": {"login": "jerhadf"}, "html_url": "https://github.com/jerhadf/linear-mcp-server",
             "description": "A Linear MCP server", "archived": false, "default_branch": "main"}""";

    @Test
    void aRepositoryItsCommitItsTreeAndAFileAreRead() {
        GITHUB.stubFor(get(urlEqualTo("/repos/jerhadf/linear-mcp-server")).willReturn(okJson(REPO)));
        GITHUB.stubFor(get(urlEqualTo("/repos/jerhadf/linear-mcp-server/commits/main"))
                .willReturn(okJson("{\"sha\": \"" + SHA + "\", \"commit\": {\"message\": \"x\"}}")));
        GITHUB.stubFor(get(urlEqualTo("/repos/jerhadf/linear-mcp-server/git/trees/" + SHA + "?recursive=1"))
                .willReturn(okJson("{\"sha\": \"" + SHA + "\", \"truncated\": false, \"tree\": ["
                        + "{\"path\": \"src\", \"type\": \"tree\"}, {\"path\": \"src/index.ts\", \"type\": \"blob\"},"
                        + "{\"path\": \"README.md\", \"type\": \"blob\", \"size\": 5}]}")));
        GITHUB.stubFor(get(urlEqualTo("/repos/jerhadf/linear-mcp-server/contents/README.md?ref=" + SHA))
                .withHeader("Accept", equalTo("application/vnd.github.raw+json"))
                .willReturn(aResponse().withBody("# Linear ✓")));
        GithubApi api = api(false);

        RepositoryHost.Repository repo = api.repository("jerhadf", "linear-mcp-server").orElseThrow();
        assertEquals("jerhadf/linear-mcp-server", repo.fullName());
        assertEquals("main", repo.defaultBranch());
        assertEquals(Optional.of("A Linear MCP server"), repo.description());
        assertEquals(Optional.of(SHA), api.commit(repo.fullName(), "main"));
        RepositoryHost.Tree tree = api.tree(repo.fullName(), SHA);
        assertEquals(List.of("src/index.ts", "README.md"), tree.paths(), "files only");
        assertFalse(tree.truncated());
        RepositoryHost.FileText readme = api.file(repo.fullName(), SHA, "README.md").orElseThrow();
        assertEquals("# Linear ✓", readme.text());
        assertFalse(readme.cut());
        GITHUB.verify(getRequestedFor(urlEqualTo("/repos/jerhadf/linear-mcp-server"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")).withHeader("Authorization", absent()));
    }

    @Test
    void aTokenIsSentAsABearerAndNeverShown() {
        GITHUB.stubFor(get(urlEqualTo("/repos/acme/a")).willReturn(okJson(REPO)));
        GITHUB.stubFor(get(urlEqualTo("/repos/acme/b")).willReturn(aResponse().withStatus(401)));
        GithubApi api = api(true);
        api.repository("acme", "a");
        GITHUB.verify(getRequestedFor(urlEqualTo("/repos/acme/a")).withHeader("Authorization",
                equalTo("Bearer " + TOKEN)));
        CatwalkException e = assertThrows(CatwalkException.class, () -> api.repository("acme", "b"));
        assertEquals("github_unavailable", e.code());
        assertTrue(e.hint().orElseThrow().contains("GITHUB_TOKEN"));
        assertFalse((e.getMessage() + e.hint()).contains(TOKEN));
    }

    @Test
    void missingAndPrivateRepositoriesAreEmptyAndARenamedOneIsFollowed() {
        GITHUB.stubFor(get(urlEqualTo("/repos/acme/gone")).willReturn(aResponse().withStatus(404)
                .withBody("{\"message\": \"Not Found\"}")));
        GITHUB.stubFor(get(urlEqualTo("/repos/acme/hidden")).willReturn(okJson(
                "{\"full_name\": \"acme/hidden\", \"private\": true, \"default_branch\": \"main\"}")));
        GITHUB.stubFor(get(urlEqualTo("/repos/acme/old")).willReturn(aResponse().withStatus(301)
                .withHeader("Location", GITHUB.baseUrl() + "/repositories/42")));
        GITHUB.stubFor(get(urlEqualTo("/repositories/42")).willReturn(okJson(REPO)));
        GITHUB.stubFor(get(urlEqualTo("/repos/acme/elsewhere")).willReturn(aResponse().withStatus(301)
                .withHeader("Location", "http://evil.example/repos/x")));
        GithubApi api = api(false);

        assertTrue(api.repository("acme", "gone").isEmpty());
        assertTrue(api.repository("acme", "hidden").isEmpty());
        assertEquals("jerhadf/linear-mcp-server", api.repository("acme", "old").orElseThrow().fullName());
        CatwalkException off = assertThrows(CatwalkException.class, () -> api.repository("acme", "elsewhere"));
        assertTrue(off.getMessage().contains("another host"), off.getMessage());
    }

    @Test
    void aSpentRateLimitSaysWhenItResetsAndASecondaryOneWhenToRetry() {
        GITHUB.stubFor(get(urlEqualTo("/repos/acme/a")).willReturn(aResponse().withStatus(403)
                .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", "1796488800")));
        GITHUB.stubFor(get(urlEqualTo("/repos/acme/b")).willReturn(aResponse().withStatus(429)
                .withHeader("retry-after", "30")));
        CatwalkException primary = assertThrows(CatwalkException.class, () -> api(false).repository("acme", "a"));
        assertEquals("github_rate_limited", primary.code());
        assertEquals(CatwalkException.Kind.LIMIT_EXCEEDED, primary.kind());
        assertEquals("it resets at 2026-12-05T16:40:00Z, or set GITHUB_TOKEN for a higher limit",
                primary.hint().orElseThrow());
        assertFalse(assertThrows(CatwalkException.class, () -> api(true).repository("acme", "a")).hint().orElseThrow()
                .contains("GITHUB_TOKEN"), "with a token there is no higher limit to offer");
        CatwalkException secondary = assertThrows(CatwalkException.class, () -> api(false).repository("acme", "b"));
        assertEquals("retry after 30 seconds", secondary.hint().orElseThrow());
    }

    @Test
    void failuresAreGithubUnavailableNamingTheUrlAndTheSetting() {
        GITHUB.stubFor(get(urlEqualTo("/repos/acme/down")).willReturn(aResponse().withStatus(503)));
        GITHUB.stubFor(get(urlEqualTo("/repos/acme/junk")).willReturn(okJson("{not json")));
        GITHUB.stubFor(get(urlEqualTo("/repos/acme/slow")).willReturn(okJson(REPO).withFixedDelay(3000)));
        GITHUB.stubFor(get(urlEqualTo("/repos/acme/sha/commits/main")).willReturn(okJson("{\"sha\": \"HEAD\"}")));
        GithubApi api = api(false);
        for (var call : List.<Runnable>of(() -> api.repository("acme", "down"), () -> api.repository("acme", "junk"),
                () -> api.repository("acme", "slow"), () -> api.commit("acme/sha", "main"))) {
            CatwalkException e = assertThrows(CatwalkException.class, call::run);
            assertEquals("github_unavailable", e.code(), e.getMessage());
            assertTrue(e.hint().orElseThrow().contains("CATWALK_GITHUB_API_URL"), e.hint().toString());
        }
    }

    @Test
    void refsAndPathsAreEncodedAsSegmentsAndBadOnesRefused() {
        GITHUB.stubFor(get(urlEqualTo("/repos/acme/x/commits/feature%2Fnew")).willReturn(okJson(
                "{\"sha\": \"" + SHA + "\"}")));
        GITHUB.stubFor(get(urlEqualTo("/repos/acme/x/commits/nope")).willReturn(aResponse().withStatus(422)));
        GITHUB.stubFor(get(urlPathEqualTo("/repos/acme/x/contents/src/my%20file%23.ts"))
                .willReturn(aResponse().withBody("x")));
        GithubApi api = api(false);
        assertEquals(Optional.of(SHA), api.commit("acme/x", "feature/new"));
        assertTrue(api.commit("acme/x", "nope").isEmpty());
        assertEquals("x", api.file("acme/x", SHA, "src/my file#.ts").orElseThrow().text());
        assertTrue(api.file("acme/x", SHA, "absent.md").isEmpty());
        int before = GITHUB.getAllServeEvents().size();
        assertThrows(IllegalArgumentException.class, () -> api.file("acme/x", SHA, "../../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> api.file("acme/x", SHA, "/abs"));
        assertThrows(IllegalArgumentException.class, () -> api.repository("evil.com@x", "y"));
        assertThrows(IllegalArgumentException.class, () -> api.repository("acme", ".."));
        assertThrows(IllegalArgumentException.class, () -> api.tree("acme/x", "main"));
        assertEquals(before, GITHUB.getAllServeEvents().size(), "nothing refused was asked");
    }

    @Test
    void aHugeFileIsCutToItsFirstHalfMebibyte() {
        byte[] big = new byte[RepositoryHost.FileText.MAX_BYTES + 100_000];
        java.util.Arrays.fill(big, (byte) 'a');
        GITHUB.stubFor(get(urlPathEqualTo("/repos/acme/x/contents/big.js")).willReturn(aResponse().withBody(big)));
        RepositoryHost.FileText file = api(false).file("acme/x", SHA, "big.js").orElseThrow();
        assertTrue(file.cut());
        assertEquals(RepositoryHost.FileText.MAX_BYTES, file.text().length());
    }
}
