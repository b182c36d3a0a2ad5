package live.catwalk.adapters.llm.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import live.catwalk.core.analysis.port.out.RepositoryHost;
import live.catwalk.core.analysis.port.out.RepositoryHost.FileText;
import live.catwalk.core.analysis.port.out.RepositoryHost.Repository;
import live.catwalk.core.analysis.port.out.RepositoryHost.Tree;
import live.catwalk.core.credential.domain.SecretValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The four endpoints as GitHub answers them: what is read, what is asked (URL and headers), what is empty. */
class GithubApiIT {

    @RegisterExtension
    static final WireMockExtension GITHUB = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).failOnUnmatchedRequests(false).build();

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String TOKEN = "ghp_testTokenThatMustNeverBeShown";
    private static final String SHA = "b2a3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5";
    private static final String REPO = """
            {"id":190052283,"node_id":"MDEwOlJlcG9zaXRvcnkxOTAwNTIyODM=","name":"servers",
             "full_name":"modelcontextprotocol/servers","private":false,
             "owner":{"login":"modelcontextprotocol","id":182288589,"type":"Organization"},
             "html_url":"https://github.com/modelcontextprotocol/servers",
             "description":"Model Context Protocol Servers","fork":false,
             "url":"https://api.github.com/repos/modelcontextprotocol/servers",
             "created_at":"2024-11-19T01:10:17Z","pushed_at":"2026-11-30T18:02:11Z","size":21534,
             "stargazers_count":70312,"language":"TypeScript","archived":false,"disabled":false,
             "license":{"key":"mit","name":"MIT License","spdx_id":"MIT"},"topics":["mcp"],
             "visibility":"public","default_branch":"main","network_count":8421,"subscribers_count":512}
            """;

    @AfterAll
    static void closeTheClient() {
        CLIENT.close();
    }

    @Test
    void readsAPublicRepositoryAsGithubDescribesIt() {
        stub("/repos/modelcontextprotocol/servers", REPO);

        assertEquals(Optional.of(new Repository("modelcontextprotocol/servers", "main",
                Optional.of("Model Context Protocol Servers"), false)), api().repository("modelcontextprotocol", "servers"));
    }

    @Test
    void anArchivedRepositoryWithoutDescriptionSaysSo() {
        stub("/repos/Acme/old-tool", """
                {"full_name":"acme/Old-Tool","private":false,"description":null,"archived":true,
                 "default_branch":"release/1.x"}""");

        assertEquals(Optional.of(new Repository("acme/Old-Tool", "release/1.x", Optional.empty(), true)),
                api().repository("Acme", "old-tool"));
    }

    @Test
    void aMissingRepositoryIsEmpty() {
        GITHUB.stubFor(get(urlEqualTo("/repos/acme/nothing")).willReturn(notFound().withHeader("Content-Type",
                "application/json").withBody("{\"message\":\"Not Found\",\"status\":\"404\"}")));

        assertEquals(Optional.empty(), api().repository("acme", "nothing"));
    }

    @Test
    void aPrivateRepositoryIsEmptyEvenWhenTheTokenSeesIt() {
        stub("/repos/acme/secret", REPO.replace("\"private\":false", "\"private\":true")
                .replace("\"visibility\":\"public\"", "\"visibility\":\"private\""));

        assertEquals(Optional.empty(), api().repository("acme", "secret"));
    }

    @Test
    void followsTheRedirectOfARenamedRepositoryOnTheSameHost() {
        GITHUB.stubFor(get(urlEqualTo("/repos/acme/old-name")).willReturn(aResponse().withStatus(301)
                .withHeader("Location", GITHUB.baseUrl() + "/repositories/190052283")
                .withBody("{\"message\":\"Moved Permanently\",\"url\":\"...\"}")));
        stub("/repositories/190052283", REPO);

        assertEquals("modelcontextprotocol/servers", api().repository("acme", "old-name").orElseThrow().fullName());
        GITHUB.verify(getRequestedFor(urlEqualTo("/repositories/190052283"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void resolvesARefToItsFullCommitSha() {
        stub("/repos/modelcontextprotocol/servers/commits/main", """
                {"sha":"%s","node_id":"C_kwDOLYZ8ndoAKGIyYTNj","commit":{"author":{"name":"Ada",
                 "date":"2026-11-30T18:02:11Z"},"message":"Release","tree":{"sha":"%s"}},
                 "parents":[{"sha":"0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c"}],
                 "stats":{"total":2,"additions":1,"deletions":1},"files":[]}""".formatted(SHA, SHA));

        assertEquals(Optional.of(SHA), api().commit("modelcontextprotocol/servers", "main"));
    }

    @Test
    void aRefIsOneEncodedPathSegmentItsSlashesIncluded() {
        String asked = "/repos/acme/tool/commits/feature%2F%C3%BCber%2Bfix%231";
        stub(asked, "{\"sha\":\"" + SHA + "\"}");

        assertEquals(Optional.of(SHA), api().commit("acme/tool", "feature/über+fix#1"));
        GITHUB.verify(1, getRequestedFor(urlEqualTo(asked)));
        assertEquals(List.of(asked), urlsAsked());
    }

    @Test
    void aRefGithubDoesNotKnowIsEmptyWhetherItAnswers404Or422() {
        GITHUB.stubFor(get(urlEqualTo("/repos/acme/tool/commits/gone")).willReturn(notFound()));
        GITHUB.stubFor(get(urlEqualTo("/repos/acme/tool/commits/v9")).willReturn(aResponse().withStatus(422)
                .withBody("{\"message\":\"No commit found for SHA: v9\"}")));

        assertEquals(Optional.empty(), api().commit("acme/tool", "gone"));
        assertEquals(Optional.empty(), api().commit("acme/tool", "v9"));
    }

    @Test
    void listsACommitsFilesLeavingOutFoldersAndSubmodules() {
        stub("/repos/acme/tool/git/trees/" + SHA + "?recursive=1", """
                {"sha":"%s","url":"https://api.github.com/repos/acme/tool/git/trees/%s","tree":[
                 {"path":"README.md","mode":"100644","type":"blob","sha":"aa","size":1204,"url":"u"},
                 {"path":"src","mode":"040000","type":"tree","sha":"bb","url":"u"},
                 {"path":"src/index.ts","mode":"100644","type":"blob","sha":"cc","size":3380,"url":"u"},
                 {"path":"vendor/lib","mode":"160000","type":"commit","sha":"dd"},
                 {"path":"package.json","mode":"100644","type":"blob","sha":"ee","size":811,"url":"u"}],
                 "truncated":false}""".formatted(SHA, SHA));

        assertEquals(new Tree(List.of("README.md", "src/index.ts", "package.json"), false),
                api().tree("acme/tool", SHA));
    }

    @Test
    void keepsGithubsOwnTruncation() {
        stub("/repos/acme/tool/git/trees/" + SHA + "?recursive=1",
                "{\"sha\":\"" + SHA + "\",\"tree\":[{\"path\":\"a.md\",\"type\":\"blob\"}],\"truncated\":true}");

        assertEquals(new Tree(List.of("a.md"), true), api().tree("acme/tool", SHA));
    }

    @Test
    void cutsATreeOfMoreFilesThanTheLimitAndSaysSo() {
        String entries = IntStream.rangeClosed(1, Tree.MAX_PATHS + 1)
                .mapToObj(i -> "{\"path\":\"f/" + i + ".txt\",\"type\":\"blob\",\"size\":1}")
                .collect(Collectors.joining(","));
        stub("/repos/acme/tool/git/trees/" + SHA + "?recursive=1",
                "{\"sha\":\"" + SHA + "\",\"tree\":[" + entries + "],\"truncated\":false}");

        Tree tree = api().tree("acme/tool", SHA);

        assertEquals(Tree.MAX_PATHS, tree.paths().size());
        assertEquals("f/" + Tree.MAX_PATHS + ".txt", tree.paths().getLast());
        assertTrue(tree.truncated());
    }

    @Test
    void aTreeGithubDoesNotFindIsEmptyAndComplete() {
        GITHUB.stubFor(get(urlEqualTo("/repos/acme/tool/git/trees/" + SHA + "?recursive=1")).willReturn(notFound()));

        assertEquals(new Tree(List.of(), false), api().tree("acme/tool", SHA));
    }

    @Test
    void readsAFileAsRawUtf8TextReplacingMalformedBytes() {
        byte[] body = {'{', '"', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0xA9, (byte) 0xFF, '"', '}'};
        GITHUB.stubFor(get(urlEqualTo("/repos/acme/tool/contents/package.json?ref=" + SHA))
                .willReturn(aResponse().withHeader("Content-Type", "application/vnd.github.raw+json").withBody(body)));

        assertEquals(Optional.of(new FileText("package.json", "{\"n\":\"é\uFFFD\"}", false)),
                api().file("acme/tool", SHA, "package.json"));
        GITHUB.verify(getRequestedFor(urlEqualTo("/repos/acme/tool/contents/package.json?ref=" + SHA))
                .withHeader("Accept", equalTo("application/vnd.github.raw+json")));
    }

    @Test
    void encodesEachPathSegmentAndKeepsTheSlashes() {
        String asked = "/repos/acme/tool/contents/docs%20and%20notes/%C3%BCber%23%3F/read%2Bme.md?ref=" + SHA;
        GITHUB.stubFor(get(urlEqualTo(asked)).willReturn(aResponse().withBody("hi")));

        assertEquals("hi", api().file("acme/tool", SHA, "docs and notes/über#?/read+me.md").orElseThrow().text());
        assertEquals(List.of(asked), urlsAsked());
    }

    @Test
    void aMissingFileIsEmpty() {
        GITHUB.stubFor(get(urlEqualTo("/repos/acme/tool/contents/server.json?ref=" + SHA)).willReturn(notFound()));

        assertEquals(Optional.empty(), api().file("acme/tool", SHA, "server.json"));
    }

    @Test
    void sendsGithubsHeadersAndNoAuthorizationWithoutAToken() {
        stub("/repos/modelcontextprotocol/servers", REPO);

        anonymous().repository("modelcontextprotocol", "servers");

        GITHUB.verify(getRequestedFor(urlEqualTo("/repos/modelcontextprotocol/servers"))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
                .withHeader("User-Agent", equalTo("catwalk")).withoutHeader("Authorization"));
    }

    @Test
    void sendsTheTokenAsABearerOnEveryEndpoint() {
        GITHUB.stubFor(get(anyUrl()).willReturn(notFound()));
        RepositoryHost api = api();

        api.repository("acme", "tool");
        api.commit("acme/tool", "main");
        api.tree("acme/tool", SHA);
        api.file("acme/tool", SHA, "README.md");

        GITHUB.verify(4, getRequestedFor(anyUrl()).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
    }

    @Test
    void refusesOwnersNamesRefsShasAndPathsThatCouldLeaveTheRepository() {
        RepositoryHost api = api();
        for (String[] repo : new String[][] {{"-acme", "tool"}, {"ac--me", "tool"}, {"a".repeat(40), "tool"},
                {"acme/x", "tool"}, {"acme", ".."}, {"acme", "tool/../x"}, {"acme", "to ol"}}) {
            assertThrows(IllegalArgumentException.class, () -> api.repository(repo[0], repo[1]), String.join("/", repo));
        }
        for (String ref : List.of("", "..", "a/../b", "/main", "main/", "a b", "x\u0000", "@", "v1.lock", "a@{1}")) {
            assertThrows(IllegalArgumentException.class, () -> api.commit("acme/tool", ref), ref);
        }
        for (String path : List.of("", "..", "a/../b", "/etc/passwd", "a//b", "./a", "a/", "a\u0000b")) {
            assertThrows(IllegalArgumentException.class, () -> api.file("acme/tool", SHA, path), path);
        }
        assertThrows(IllegalArgumentException.class, () -> api.tree("acme/tool", "main"));
        assertThrows(IllegalArgumentException.class, () -> api.file("acme/tool", SHA.toUpperCase(), "a"));
        assertThrows(IllegalArgumentException.class, () -> api.tree("../tool", SHA));
        assertEquals(List.of(), urlsAsked());
    }

    private static void stub(String url, String json) {
        GITHUB.stubFor(get(urlEqualTo(url)).willReturn(okJson(json)));
    }

    private static List<String> urlsAsked() {
        return GITHUB.getAllServeEvents().stream().map(e -> e.getRequest().getUrl()).toList();
    }

    private static GithubApi api() {
        return GithubApi.builder(CLIENT).baseUri(URI.create(GITHUB.baseUrl())).token(new SecretValue(TOKEN)).build();
    }

    private static GithubApi anonymous() {
        return GithubApi.builder(CLIENT).baseUri(URI.create(GITHUB.baseUrl())).build();
    }
}
