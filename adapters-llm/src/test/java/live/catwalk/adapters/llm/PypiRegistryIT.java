package live.catwalk.adapters.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Optional;
import live.catwalk.core.deployment.port.out.PackageRegistry.Lookup;
import live.catwalk.core.deployment.domain.PackageRef;
import live.catwalk.core.deployment.domain.PackageRef.Registry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PypiRegistryIT {

    @RegisterExtension
    static final WireMockExtension PYPI = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).failOnUnmatchedRequests(false).build();

    /** Never follows redirects itself: the adapter must. */
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static final String TIME = """
            {"info":{"name":"mcp-server-time","version":"2025.9.25","summary":"A time MCP server"},
             "last_serial":1,
             "releases":{
               "0.5.0":[{"filename":"mcp_server_time-0.5.0-py3-none-any.whl","yanked":false,"yanked_reason":null}],
               "0.6.0":[{"filename":"mcp_server_time-0.6.0-py3-none-any.whl","yanked":true,"yanked_reason":"broken"},
                        {"filename":"mcp_server_time-0.6.0.tar.gz","yanked":true,"yanked_reason":"broken"}],
               "0.7.0":[],
               "2025.9.25":[{"filename":"mcp_server_time-2025.9.25.tar.gz","yanked":false}]},
             "urls":[],"vulnerabilities":[]}
            """;

    private PackageRegistries registries;

    @BeforeEach
    void stubTheRegistry() {
        registries = PackageRegistries.builder(CLIENT).pypiBaseUri(URI.create(PYPI.baseUrl())).build();
        PYPI.stubFor(get(urlEqualTo("/pypi/mcp-server-time/json")).willReturn(okJson(TIME)));
        PYPI.stubFor(get(urlEqualTo("/pypi/nope-nope/json")).willReturn(notFound().withBody("{\"message\":\"Not Found\"}")));
    }

    @AfterAll
    static void closeTheClient() {
        CLIENT.close();
    }

    @Test
    void noVersionResolvesToInfoVersion() {
        assertEquals(new Lookup.Found("2025.9.25"), lookup("mcp-server-time", null));
    }

    @Test
    void aReleasedVersionIsFound() {
        assertEquals(new Lookup.Found("0.5.0"), lookup("mcp-server-time", "0.5.0"));
    }

    @Test
    void aMissingFullyYankedOrEmptyReleaseIsNoSuchVersionWithTheLatest() {
        assertEquals(new Lookup.NoSuchVersion("2025.9.25"), lookup("mcp-server-time", "9.9.9"));
        assertEquals(new Lookup.NoSuchVersion("2025.9.25"), lookup("mcp-server-time", "0.6.0"));
        assertEquals(new Lookup.NoSuchVersion("2025.9.25"), lookup("mcp-server-time", "0.7.0"));
    }

    @Test
    void a404IsNoSuchPackage() {
        assertEquals(new Lookup.NoSuchPackage(), lookup("nope-nope", null));
    }

    @Test
    void followsTheRedirectToTheNormalisedName() {
        PYPI.stubFor(get(urlEqualTo("/pypi/MCP_Server.Time/json")).willReturn(aResponse().withStatus(301)
                .withHeader("Location", "/pypi/mcp-server-time/json")));

        assertEquals(new Lookup.Found("0.5.0"), lookup("MCP_Server.Time", "0.5.0"));
    }

    @Test
    void asksThePerVersionDocumentWhenReleasesIsGone() {
        PYPI.stubFor(get(urlEqualTo("/pypi/slim/json")).willReturn(okJson("{\"info\":{\"version\":\"2.0\"}}")));
        PYPI.stubFor(get(urlEqualTo("/pypi/slim/1.0/json")).willReturn(okJson("{\"info\":{\"version\":\"1.0\"}}")));

        assertEquals(new Lookup.Found("1.0"), lookup("slim", "1.0"));
        assertEquals(new Lookup.NoSuchVersion("2.0"), lookup("slim", "1.5"));
    }

    private Lookup lookup(String name, String version) {
        return registries.lookup(new PackageRef(Registry.PYPI, name, Optional.ofNullable(version)));
    }
}
