package live.catwalk.adapters.llm.mcpregistry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static live.catwalk.adapters.llm.mcpregistry.RegistryPayloads.NPM_WEATHER;
import static live.catwalk.adapters.llm.mcpregistry.RegistryPayloads.PYPI_SQLITE;
import static live.catwalk.adapters.llm.mcpregistry.RegistryPayloads.REMOTE_ISSUES;
import static live.catwalk.adapters.llm.mcpregistry.RegistryPayloads.item;
import static live.catwalk.adapters.llm.mcpregistry.RegistryPayloads.page;
import static live.catwalk.adapters.llm.mcpregistry.RegistryPayloads.serverOfBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import live.catwalk.core.analysis.port.out.McpRegistry;
import live.catwalk.core.analysis.port.out.McpRegistry.Entry;
import live.catwalk.core.analysis.port.out.McpRegistry.Page;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OfficialMcpRegistryIT {

    @RegisterExtension
    static final WireMockExtension SERVER = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String FIRST_PAGE = "/v0.1/servers?version=latest&limit=2";
    private static final String WEATHER_LATEST = "/v0.1/servers/io.github.acme%2Fweather/versions/latest";

    @AfterAll
    static void closeTheClient() {
        CLIENT.close();
    }

    @Test
    void pagesThroughTheLatestVersionsByTheCursorEachPageGives() {
        answer(FIRST_PAGE, okJson(page("io.github.dataco/sqlite-explorer:0.9.2",
                item(NPM_WEATHER, "active"), item(PYPI_SQLITE, "deprecated"))));
        answer(FIRST_PAGE + "&cursor=io.github.dataco%2Fsqlite-explorer%3A0.9.2",
                okJson(page(null, item(REMOTE_ISSUES, "active"))));

        Page first = registry().search(Optional.empty(), Optional.empty(), 2);
        assertEquals(List.of("io.github.acme/weather", "io.github.dataco/sqlite-explorer"), names(first));
        assertEquals(Optional.of("io.github.dataco/sqlite-explorer:0.9.2"), first.nextCursor());

        Page last = registry().search(Optional.empty(), first.nextCursor(), 2);
        assertEquals(List.of("com.example/issues"), names(last));
        assertEquals(Optional.empty(), last.nextCursor());
    }

    @Test
    void eachEntryCarriesItsServerJsonAsTheRegistryGaveItAndTheOfficialStatus() throws Exception {
        answer(FIRST_PAGE, okJson(page(null, item(NPM_WEATHER, "active"), item(PYPI_SQLITE, "deprecated"),
                "{\"server\":" + REMOTE_ISSUES + "}")));

        List<Entry> entries = registry().search(Optional.empty(), Optional.empty(), 2).servers();

        assertEquals(List.of(NPM_WEATHER, PYPI_SQLITE, REMOTE_ISSUES), entries.stream().map(Entry::serverJson).toList());
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(REMOTE_ISSUES), json.readTree(entries.get(2).serverJson()));
        assertEquals(List.of(Optional.of("active"), Optional.of("deprecated"), Optional.empty()),
                entries.stream().map(Entry::status).toList());
    }

    @Test
    void searchTextAndCursorArePercentEncodedWithSpacesAsPercent20() {
        String asked = "/v0.1/servers?version=latest&limit=5&search=caf%C3%A9%20%26%20m%C3%BCsli%3Dyes%2Bno"
                + "&cursor=a%2Fb%3A1%201";
        answer(asked, okJson(page(null)));

        assertEquals(List.of(), registry().search(Optional.of("café & müsli=yes+no"), Optional.of("a/b:1 1"), 5)
                .servers());
        SERVER.verify(getRequestedFor(urlEqualTo(asked)));
    }

    @Test
    void anEmptySearchTextOrCursorIsLeftOutAndABlankNextCursorEndsThePaging() {
        answer(FIRST_PAGE, okJson("{\"servers\":[],\"metadata\":{\"nextCursor\":\" \",\"count\":0}}"));

        assertEquals(Optional.empty(), registry().search(Optional.of(""), Optional.of(""), 2).nextCursor());
        SERVER.verify(getRequestedFor(urlEqualTo(FIRST_PAGE)));
    }

    @Test
    void aBaseUrlWithAPathIsKeptBeforeTheApiPath() {
        answer("/mirror/mcp/v0.1/servers?version=latest&limit=1", okJson(page(null, item(NPM_WEATHER, "active"))));

        McpRegistry mirror = OfficialMcpRegistry.builder(CLIENT)
                .baseUri(URI.create(SERVER.baseUrl() + "/mirror/mcp")).build();
        assertEquals(List.of("io.github.acme/weather"), names(mirror.search(Optional.empty(), Optional.empty(), 1)));
    }

    @Test
    void entriesWithoutAUsableServerNameAreSkipped() {
        answer(FIRST_PAGE, okJson(page(null, item("{\"description\":\"no name\",\"version\":\"1.0.0\"}", "active"),
                item("{\"name\":42}", "active"), item("{\"name\":\"no-namespace\"}", "active"),
                item("{\"name\":\"a/b/c\"}", "active"), "{\"_meta\":{}}", item(PYPI_SQLITE, "active"))));

        assertEquals(List.of("io.github.dataco/sqlite-explorer"),
                names(registry().search(Optional.empty(), Optional.empty(), 2)));
    }

    @Test
    void aServerJsonOverTheBoundInUtf8BytesIsSkippedAndOneAtTheBoundIsKept() {
        String atBound = serverOfBytes("io.github.big/at-bound", OfficialMcpRegistry.MAX_SERVER_JSON);
        String over = serverOfBytes("io.github.big/over-bound", OfficialMcpRegistry.MAX_SERVER_JSON + 1);
        answer(FIRST_PAGE, okJson(page(null, item(over, "active"), item(atBound, "active"),
                item(NPM_WEATHER, "active"))));

        Page page = registry().search(Optional.empty(), Optional.empty(), 2);
        assertEquals(List.of("io.github.big/at-bound", "io.github.acme/weather"), names(page));
        assertEquals(atBound, page.servers().getFirst().serverJson());
    }

    @Test
    void latestAsksForTheNameWithItsSlashEncoded() {
        answer(WEATHER_LATEST, okJson(item(NPM_WEATHER, "deprecated")));

        assertEquals(Optional.of(new Entry("io.github.acme/weather", NPM_WEATHER, Optional.of("deprecated"))),
                registry().latest("io.github.acme/weather"));
    }

    @Test
    void latestOfANameTheRegistryDoesNotKnowIsEmpty() {
        answer(WEATHER_LATEST, notFound().withHeader("Content-Type", "application/json")
                .withBody("{\"title\":\"Not Found\",\"status\":404,\"detail\":\"Server not found\"}"));

        assertEquals(Optional.empty(), registry().latest("io.github.acme/weather"));
    }

    @Test
    void aLatestAnswerItCannotUseIsUnavailableNotNone() {
        answer(WEATHER_LATEST, okJson(item("{\"description\":\"no name\"}", "active")));
        answer("/v0.1/servers/io.github.big%2Fover/versions/latest",
                okJson(item(serverOfBytes("io.github.big/over", OfficialMcpRegistry.MAX_SERVER_JSON + 1), "active")));

        assertEquals("the MCP registry answered an unusable server (no valid name, or a server.json over 262144 bytes)",
                unavailable(r -> r.latest("io.github.acme/weather"), WEATHER_LATEST));
        unavailable(r -> r.latest("io.github.big/over"), "/v0.1/servers/io.github.big%2Fover/versions/latest");
    }

    @Test
    void aSearchTheRegistryAnswersWith404IsUnavailable() {
        answer(FIRST_PAGE, notFound());

        assertEquals("the MCP registry has no server list (HTTP 404)", unavailable(this::firstPage, FIRST_PAGE));
    }

    @Test
    void aServerErrorIsUnavailableNamingTheStatusButNotTheBody() {
        answer(FIRST_PAGE, serverError().withBody("panic: runtime error at db.go:42 password=hunter2"));
        answer(WEATHER_LATEST, aResponse().withStatus(503));

        assertEquals("the MCP registry failed (HTTP 500)", unavailable(this::firstPage, FIRST_PAGE));
        assertEquals("the MCP registry failed (HTTP 503)",
                unavailable(r -> r.latest("io.github.acme/weather"), WEATHER_LATEST));
    }

    @Test
    void rateLimitingIsUnavailable() {
        answer(FIRST_PAGE, aResponse().withStatus(429).withHeader("Retry-After", "60"));

        assertEquals("the MCP registry is rate limiting us (HTTP 429)", unavailable(this::firstPage, FIRST_PAGE));
    }

    @Test
    void malformedOrMisshapenJsonIsUnavailable() {
        answer(FIRST_PAGE, okJson("{\"servers\":[{\"server\":"));
        answer("/v0.1/servers?version=latest&limit=3", okJson("[]"));
        answer("/v0.1/servers?version=latest&limit=4", okJson("{\"items\":[]}"));

        assertEquals("the MCP registry answered malformed JSON", unavailable(this::firstPage, FIRST_PAGE));
        assertEquals("the MCP registry answered JSON that is not an object", unavailable(
                r -> r.search(Optional.empty(), Optional.empty(), 3), "/v0.1/servers?version=latest&limit=3"));
        assertEquals("the MCP registry answered without a server list", unavailable(
                r -> r.search(Optional.empty(), Optional.empty(), 4), "/v0.1/servers?version=latest&limit=4"));
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsUnavailable() {
        answer(FIRST_PAGE, okJson(page(null)).withFixedDelay(2_000));

        McpRegistry slow = OfficialMcpRegistry.builder(CLIENT).baseUri(URI.create(SERVER.baseUrl()))
                .timeout(Duration.ofMillis(200)).build();
        CatwalkException e = assertThrows(CatwalkException.class, () -> firstPage(slow));
        assertEquals("mcp_registry_unavailable", e.code());
        assertEquals("the MCP registry did not answer within 200 ms", e.getMessage());
    }

    @Test
    void anAnswerOverTheResponseBoundIsUnavailable() {
        answer(FIRST_PAGE, okJson(page(null, item(NPM_WEATHER, "active"))));

        McpRegistry small = OfficialMcpRegistry.builder(CLIENT).baseUri(URI.create(SERVER.baseUrl()))
                .maxResponseBytes(256).build();
        CatwalkException e = assertThrows(CatwalkException.class, () -> firstPage(small));
        assertEquals("the MCP registry answered with more than 256 bytes", e.getMessage());
    }

    @Test
    void theHintNamesTheConfiguredSettingAndNeverTheBaseUrlsCredentials() {
        answer(FIRST_PAGE, serverError());
        String base = SERVER.baseUrl().replace("://", "://reader:s3cret@");

        McpRegistry registry = OfficialMcpRegistry.builder(CLIENT).baseUri(URI.create(base))
                .settingName("CATWALK_TEST_REGISTRY").build();
        CatwalkException e = assertThrows(CatwalkException.class, () -> firstPage(registry));
        assertEquals("Catwalk asked " + SERVER.baseUrl() + "/v0.1/servers; check that this machine can reach it, "
                + "or set CATWALK_TEST_REGISTRY to a registry it can reach", e.hint().orElseThrow());
        assertFalse(e.hint().get().contains("s3cret"));
    }

    @Test
    void badInputsAreRejectedBeforeAnyRequest() {
        McpRegistry registry = registry();
        List<Runnable> bad = List.of(
                () -> registry.search(Optional.empty(), Optional.empty(), 0),
                () -> registry.search(Optional.empty(), Optional.empty(), McpRegistry.MAX_PAGE + 1),
                () -> registry.search(Optional.of("x".repeat(201)), Optional.empty(), 10),
                () -> registry.search(Optional.of("weather\nHost: evil"), Optional.empty(), 10),
                () -> registry.search(Optional.empty(), Optional.of("c".repeat(201)), 10),
                () -> registry.search(Optional.empty(), Optional.of("abc\u0000"), 10),
                () -> registry.latest("a/"),
                () -> registry.latest("io.github.acme"),
                () -> registry.latest("io.github.acme/weather/extra"),
                () -> registry.latest("io.github.acme/we ather"),
                () -> registry.latest("../../admin/x"),
                () -> registry.latest("io.github.acme/" + "w".repeat(186)));
        for (Runnable call : bad) {
            assertThrows(IllegalArgumentException.class, call::run);
        }
        SERVER.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theLongestNameAndSearchTextAreAccepted() {
        String name = "io.github.acme/" + "w".repeat(185);
        answer("/v0.1/servers/io.github.acme%2F" + "w".repeat(185) + "/versions/latest", notFound());
        answer(FIRST_PAGE + "&search=" + "q".repeat(200), okJson(page(null)));

        assertEquals(200, name.length());
        assertEquals(Optional.empty(), registry().latest(name));
        assertEquals(List.of(), registry().search(Optional.of("q".repeat(200)), Optional.empty(), 2).servers());
    }

    private static void answer(String url, ResponseDefinitionBuilder response) {
        SERVER.stubFor(get(urlEqualTo(url)).willReturn(response));
    }

    private static McpRegistry registry() {
        return OfficialMcpRegistry.builder(CLIENT).baseUri(URI.create(SERVER.baseUrl())).build();
    }

    private Page firstPage(McpRegistry registry) {
        return registry.search(Optional.empty(), Optional.empty(), 2);
    }

    private static List<String> names(Page page) {
        return page.servers().stream().map(Entry::name).toList();
    }

    /** Asserts the call is mcp_registry_unavailable with a hint naming the URL asked; returns the message. */
    private static String unavailable(Consumer<McpRegistry> call, String asked) {
        CatwalkException e = assertThrows(CatwalkException.class, () -> call.accept(registry()));
        assertEquals(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, e.kind());
        assertEquals("mcp_registry_unavailable", e.code());
        String path = URI.create(asked).getRawPath();
        assertEquals("Catwalk asked " + SERVER.baseUrl() + path + "; check that this machine can reach it, or set "
                + "CATWALK_MCP_REGISTRY_URL to a registry it can reach", e.hint().orElseThrow());
        return e.getMessage();
    }
}
