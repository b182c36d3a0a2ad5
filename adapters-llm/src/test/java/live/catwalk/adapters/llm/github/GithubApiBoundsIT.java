package live.catwalk.adapters.llm.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import live.catwalk.core.analysis.port.out.RepositoryHost.FileText;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every answer bounded: a large file cut (on a whole character) and read no further, JSON and time refused past theirs. */
class GithubApiBoundsIT {

    @RegisterExtension
    static final WireMockExtension GITHUB = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).failOnUnmatchedRequests(false).build();

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String SHA = "b2a3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5";
    private static final String FILE = "/repos/acme/tool/contents/dist/index.js?ref=" + SHA;
    /** One byte short of the bound, then a two-byte character across it, then more. */
    private static final byte[] LARGE = concat("a".repeat(FileText.MAX_BYTES - 1), "é" + "b".repeat(100_000));

    @AfterAll
    static void closeTheClient() {
        CLIENT.close();
    }

    @ParameterizedTest
    @EnumSource(HttpClient.Version.class)
    void aFileOverTheBoundIsCutBeforeTheCharacterTheCutWouldSplit(HttpClient.Version version) {
        GITHUB.stubFor(get(urlEqualTo(FILE)).willReturn(aResponse().withBody(LARGE)
                .withHeader("Content-Length", Integer.toString(LARGE.length))));

        FileText file = read(version);

        assertEquals(new FileText("dist/index.js", "a".repeat(FileText.MAX_BYTES - 1), true), file);
    }

    @Test
    void aCutFileIsKeptThoughCancellingItsRestResetsAnHttp2Stream() {
        GITHUB.stubFor(get(urlEqualTo(FILE)).willReturn(aResponse().withBody(LARGE)
                .withHeader("Content-Length", Integer.toString(LARGE.length))));

        for (int i = 0; i < 50; i++) { // the reset races the answer: ask often enough, each on a new connection
            assertTrue(read(HttpClient.Version.HTTP_2).cut(), "attempt " + i);
        }
    }

    @Test
    void aFileStreamedOverTheBoundWithoutALengthIsCutToo() {
        GITHUB.stubFor(get(urlEqualTo(FILE)).willReturn(aResponse().withBody(LARGE).withChunkedDribbleDelay(16, 200)));

        FileText file = read(HttpClient.Version.HTTP_1_1);

        assertTrue(file.cut());
        assertEquals(FileText.MAX_BYTES - 1, file.text().length());
    }

    @Test
    void aFileOfExactlyTheBoundIsWholeAndNotCut() {
        byte[] exact = concat("c".repeat(FileText.MAX_BYTES - 2), "é");
        GITHUB.stubFor(get(urlEqualTo(FILE)).willReturn(aResponse().withBody(exact)));

        FileText file = read(HttpClient.Version.HTTP_1_1);

        assertFalse(file.cut());
        assertTrue(file.text().endsWith("cé"));
    }

    @Test
    void aJsonAnswerOverItsBoundIsUnavailable() {
        String big = "{\"full_name\":\"acme/tool\",\"description\":\"" + "x".repeat(4_096) + "\"}";
        GITHUB.stubFor(get(urlEqualTo("/repos/acme/tool")).willReturn(okJson(big)));
        GithubApi api = builder(CLIENT).maxResponseBytes(1_024).build();

        CatwalkException e = GithubApiFailuresIT.failure(() -> api.repository("acme", "tool"));

        assertEquals("github_unavailable", e.code());
        assertEquals("GitHub answered with more than 1024 bytes", e.getMessage());
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsUnavailable() {
        GITHUB.stubFor(get(urlEqualTo("/repos/acme/tool/commits/main"))
                .willReturn(okJson("{\"sha\":\"" + SHA + "\"}").withFixedDelay(2_000)));
        GithubApi api = builder(CLIENT).timeout(Duration.ofMillis(200)).build();

        CatwalkException e = GithubApiFailuresIT.failure(() -> api.commit("acme/tool", "main"));

        assertEquals("github_unavailable", e.code());
        assertEquals("GitHub did not answer within 200 ms", e.getMessage());
    }

    @Test
    void aFileThatTricklesInPastTheTimeoutIsUnavailableNotCut() {
        GITHUB.stubFor(get(urlEqualTo(FILE)).willReturn(aResponse().withBody("x".repeat(1_000))
                .withChunkedDribbleDelay(10, 2_000)));
        GithubApi api = builder(CLIENT).timeout(Duration.ofMillis(300)).build();

        CatwalkException e = GithubApiFailuresIT.failure(() -> api.file("acme/tool", SHA, "dist/index.js"));

        assertEquals("GitHub did not answer within 300 ms", e.getMessage());
    }

    private static FileText read(HttpClient.Version version) {
        try (HttpClient client = HttpClient.newBuilder().version(version).build()) {
            return builder(client).build().file("acme/tool", SHA, "dist/index.js").orElseThrow();
        }
    }

    private static GithubApi.Builder builder(HttpClient client) {
        return GithubApi.builder(client).baseUri(URI.create(GITHUB.baseUrl()))
                .token(new SecretValue("ghp_testTokenThatMustNeverBeShown"));
    }

    private static byte[] concat(String head, String tail) {
        byte[] a = head.getBytes(StandardCharsets.UTF_8);
        byte[] b = tail.getBytes(StandardCharsets.UTF_8);
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
