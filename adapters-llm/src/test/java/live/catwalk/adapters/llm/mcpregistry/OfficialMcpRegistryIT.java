package live.catwalk.adapters.llm.mcpregistry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import live.catwalk.core.analysis.port.out.McpRegistry;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OfficialMcpRegistryIT {

    @RegisterExtension
    static final WireMockExtension REGISTRY = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).failOnUnmatchedRequests(false).build();

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String META = "\"_meta\": {\"io.modelcontextprotocol.registry/official\": "
            + "{\"status\": \"active\", \"isLatest\": true}}";
    private static final String NPM = "{\"name\": \"io.github.acme/weather\", \"version\": \"1.0.0\", \"packages\": "
            + "[{\"registryType\": \"npm\", \"identifier\": \"weather-mcp\", \"transport\": {\"type\": \"stdio\"}}]}";
    private static final String PYPI = "{\"name\": \"io.github.acme/notes\", \"packages\": [{\"registryType\": "
            + "\"pypi\", \"identifier\": \"notes-mcp\", \"transport\": {\"type\": \"stdio\"}}]}";

    @AfterAll
    static void closeTheClient() {
        CLIENT.close();
    }

    private static OfficialMcpRegistry registry() {
        return OfficialMcpRegistry.builder(CLIENT).baseUri(URI.create(REGISTRY.baseUrl()))
                .timeout(Duration.ofSeconds(2)).build();
    }

    @Test
    void pagesAreReadWithTheirCursorsAndEntriesKeepTheirServerJson() throws Exception {
        REGISTRY.stubFor(get(urlEqualTo("/v0.1/servers?version=latest&limit=2&search=weather%20%26%20co"))
                .willReturn(okJson("{\"servers\": [{\"server\": " + NPM + ", " + META + "}, {\"server\": {}}], "
                        + "\"metadata\": {\"nextCursor\": \"abc/2\", \"count\": 2}}")));
        REGISTRY.stubFor(get(urlEqualTo("/v0.1/servers?version=latest&limit=2&search=weather%20%26%20co"
                + "&cursor=abc%2F2"))
                .willReturn(okJson("{\"servers\": [{\"server\": " + PYPI + "}], \"metadata\": {\"count\": 1}}")));
        McpRegistry.Page first = registry().search(Optional.of("weather & co"), Optional.empty(), 2);
        assertEquals(1, first.servers().size(), "an entry without a name is skipped");
        McpRegistry.Entry weather = first.servers().getFirst();
        assertEquals("io.github.acme/weather", weather.name());
        assertEquals(Optional.of("active"), weather.status());
        assertEquals(JSON.readTree(NPM), JSON.readTree(weather.serverJson()));
        assertEquals(Optional.of("abc/2"), first.nextCursor());
        McpRegistry.Page second = registry().search(Optional.of("weather & co"), first.nextCursor(), 2);
        assertEquals("io.github.acme/notes", second.servers().getFirst().name());
        assertTrue(second.nextCursor().isEmpty());
    }

    @Test
    void theLatestVersionOfANamedServerOrNone() {
        REGISTRY.stubFor(get(urlEqualTo("/v0.1/servers/io.github.acme%2Fweather/versions/latest"))
                .willReturn(okJson("{\"server\": " + NPM + ", " + META + "}")));
        assertEquals("io.github.acme/weather", registry().latest("io.github.acme/weather").orElseThrow().name());
        assertTrue(registry().latest("io.github.acme/none").isEmpty());
    }

    @Test
    void failuresNameTheSettingAndBadInputIsNeverSent() {
        REGISTRY.stubFor(get(urlPathEqualTo("/v0.1/servers")).willReturn(aResponse().withStatus(503)));
        CatwalkException e = assertThrows(CatwalkException.class,
                () -> registry().search(Optional.empty(), Optional.empty(), 10));
        assertEquals("mcp_registry_unavailable", e.code());
        assertTrue(e.hint().orElseThrow().contains("CATWALK_MCP_REGISTRY_URL"), e.hint().toString());
        REGISTRY.stubFor(get(urlEqualTo("/v0.1/servers/a.b%2Fjunk/versions/latest")).willReturn(okJson("{nope")));
        assertEquals("mcp_registry_unavailable",
                assertThrows(CatwalkException.class, () -> registry().latest("a.b/junk")).code());
        int before = REGISTRY.getAllServeEvents().size();
        assertThrows(IllegalArgumentException.class, () -> registry().search(Optional.empty(), Optional.empty(), 0));
        assertThrows(IllegalArgumentException.class, () -> registry().search(Optional.of("a\nb"), Optional.empty(), 5));
        assertThrows(IllegalArgumentException.class, () -> registry().latest("../../admin"));
        assertEquals(before, REGISTRY.getAllServeEvents().size());
    }
}
