package live.catwalk.adapters.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
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
import java.time.Duration;
import java.util.Optional;
import live.catwalk.core.deployment.domain.PackageRef;
import live.catwalk.core.deployment.domain.PackageRef.Registry;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RegistryFailuresIT {

    @RegisterExtension
    static final WireMockExtension SERVER = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final PackageRef NPM_REF = new PackageRef(Registry.NPM, "some-server", Optional.empty());
    private static final PackageRef PYPI_REF = new PackageRef(Registry.PYPI, "some-server", Optional.empty());

    @AfterAll
    static void closeTheClient() {
        CLIENT.close();
    }

    @Test
    void aServerErrorIsRegistryUnavailableNamingTheStatusButNotTheBody() {
        answer("/some-server", serverError().withBody("stack trace with secrets"));

        String message = unavailable(NPM_REF, registries());
        assertEquals("the npm registry failed (HTTP 500)", message);
        assertFalse(message.contains("secrets"));
    }

    @Test
    void rateLimitingIsRegistryUnavailable() {
        answer("/pypi/some-server/json", aResponse().withStatus(429).withHeader("Retry-After", "30"));

        assertEquals("the PyPI registry is rate limiting us (HTTP 429)", unavailable(PYPI_REF, registries()));
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsRegistryUnavailable() {
        answer("/some-server", okJson("{\"dist-tags\":{\"latest\":\"1.0.0\"}}").withFixedDelay(2_000));

        assertEquals("the npm registry did not answer within 200 ms",
                unavailable(NPM_REF, registries().timeout(Duration.ofMillis(200))));
    }

    @Test
    void aBodyThatTricklesInPastTheTimeoutIsRegistryUnavailable() {
        answer("/some-server", okJson("{\"dist-tags\":{\"latest\":\"1.0.0\"},\"versions\":{}}")
                .withChunkedDribbleDelay(10, 2_000));

        assertEquals("the npm registry did not answer within 300 ms",
                unavailable(NPM_REF, registries().timeout(Duration.ofMillis(300))));
    }

    @Test
    void anOversizedBodyIsRegistryUnavailableWhetherDeclaredOrStreamed() {
        String big = "{\"dist-tags\":{\"latest\":\"1.0.0\"},\"readme\":\"" + "x".repeat(4_096) + "\"}";
        answer("/some-server", okJson(big).withHeader("Content-Length", Integer.toString(big.length())));
        answer("/streamed", okJson(big).withChunkedDribbleDelay(4, 20));

        assertEquals("the npm registry answered with more than 1024 bytes",
                unavailable(NPM_REF, registries().maxResponseBytes(1_024)));
        assertEquals("the npm registry answered with more than 1024 bytes", unavailable(
                new PackageRef(Registry.NPM, "streamed", Optional.empty()), registries().maxResponseBytes(1_024)));
    }

    @Test
    void malformedJsonIsRegistryUnavailable() {
        answer("/pypi/some-server/json", okJson("{\"info\":{\"version\":"));

        assertEquals("the PyPI registry answered malformed JSON", unavailable(PYPI_REF, registries()));
    }

    @Test
    void aRefusedConnectionIsRegistryUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertEquals("the npm registry could not be reached", unavailable(NPM_REF,
                PackageRegistries.builder(CLIENT).npmBaseUri(URI.create("http://127.0.0.1:" + closedPort))));
    }

    @Test
    void anOutageHintNamesTheUrlAskedAndTheSettingButNeverTheUrlsCredentials() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PackageRegistries registries = PackageRegistries.builder(CLIENT)
                .npmBaseUri(URI.create("http://mirror-user:s3cret-pass@127.0.0.1:" + closedPort + "/npm/"))
                .pypiBaseUri(URI.create("http://127.0.0.1:" + closedPort))
                .settingNames("CATWALK_NPM_REGISTRY", "CATWALK_PYPI_INDEX").build();

        CatwalkException npm = assertThrows(CatwalkException.class, () -> registries.lookup(NPM_REF));
        String hint = npm.hint().orElseThrow();
        assertEquals("Catwalk asked http://127.0.0.1:" + closedPort + "/npm/some-server; check that this machine can "
                + "reach it, or set CATWALK_NPM_REGISTRY to a registry or mirror it can reach", hint);
        assertFalse((hint + npm.getMessage()).contains("s3cret"));

        CatwalkException pypi = assertThrows(CatwalkException.class, () -> registries.lookup(PYPI_REF));
        assertTrue(pypi.hint().orElseThrow().startsWith("Catwalk asked http://127.0.0.1:" + closedPort
                + "/pypi/some-server/json;"), pypi.hint().get());
        assertTrue(pypi.hint().get().endsWith("set CATWALK_PYPI_INDEX to a registry or mirror it can reach"));
    }

    @Test
    void aServerErrorsHintNamesTheUrlEvenWithoutASettingName() {
        answer("/pypi/some-server/json", serverError());

        CatwalkException e = assertThrows(CatwalkException.class, () -> registries().build().lookup(PYPI_REF));
        assertEquals("Catwalk asked " + SERVER.baseUrl() + "/pypi/some-server/json; check that this machine can reach it",
                e.hint().orElseThrow());
    }

    @Test
    void aRedirectToAnotherHostIsNotFollowed() {
        answer("/pypi/some-server/json", aResponse().withStatus(302).withHeader("Location", "https://example.org/x"));

        assertEquals("the PyPI registry redirected to another host", unavailable(PYPI_REF, registries()));
    }

    @Test
    void aRedirectLoopEnds() {
        answer("/some-server", aResponse().withStatus(307).withHeader("Location", "/some-server"));

        assertEquals("the npm registry redirected more than 3 times", unavailable(NPM_REF, registries()));
    }

    @Test
    void anNpmLatestThatIsNotAVersionIsRegistryUnavailableQuotedPrintably() {
        answer("/some-server", okJson("{\"dist-tags\":{\"latest\":\"1.0.0 --foo\\u001b[2J\"},"
                + "\"versions\":{\"1.0.0 --foo\":{}}}"));

        assertEquals("the npm registry answered a 'latest' that is not an exact version: '1.0.0 --foo?[2J'",
                unavailable(NPM_REF, registries()));
    }

    @Test
    void anNpmTagPointingAtSomethingButAVersionIsRegistryUnavailable() {
        answer("/some-server", okJson("{\"dist-tags\":{\"latest\":\"1.0.0\",\"next\":\"-c\"},"
                + "\"versions\":{\"1.0.0\":{}}}"));

        assertEquals("the npm registry answered a 'next' tag that is not an exact version: '-c'",
                unavailable(new PackageRef(Registry.NPM, "some-server", Optional.of("next")), registries()));
    }

    @Test
    void aPypiLatestThatIsNotAVersionIsRegistryUnavailableAndBounded() {
        answer("/pypi/some-server/json", okJson("{\"info\":{\"version\":\"--index-url=" + "x".repeat(100)
                + "\"},\"releases\":{}}"));

        assertEquals("the PyPI registry answered a latest version that is not an exact version: '--index-url="
                + "x".repeat(28) + "…'", unavailable(PYPI_REF, registries()));
    }

    private static void answer(String path, ResponseDefinitionBuilder response) {
        SERVER.stubFor(get(urlEqualTo(path)).willReturn(response));
    }

    private static PackageRegistries.Builder registries() {
        URI base = URI.create(SERVER.baseUrl());
        return PackageRegistries.builder(CLIENT).npmBaseUri(base).pypiBaseUri(base);
    }

    /** Asserts the lookup throws registry_unavailable and returns its message. */
    private static String unavailable(PackageRef ref, PackageRegistries.Builder registries) {
        CatwalkException e = assertThrows(CatwalkException.class, () -> registries.build().lookup(ref));
        assertEquals(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, e.kind());
        assertEquals("registry_unavailable", e.code());
        assertTrue(e.getMessage().startsWith("the " + (ref.registry() == Registry.NPM ? "npm" : "PyPI")));
        return e.getMessage();
    }
}
