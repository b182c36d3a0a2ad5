package live.catwalk.bootstrap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import live.catwalk.core.analysis.domain.AnalysisFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Repository analysis through the real jar, without a model: the team's real repositories served through a GitHub
 * stub (and their registries' stubs, from the expected answers), the errors a person must understand, bad input
 * refused before any outbound request, the MCP registry's catalogue, and the journey from a link to a RUNNING
 * deployment of a real npm package.
 */
class AnalysisIT {


    @TempDir
    static Path temp;

    private static AnalysisStubs stubs;
    private static AnalysisStubs.Serving serving;
    private static CatwalkProcess catwalk;
    private static ApiClient api;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        stubs = new AnalysisStubs();
        serving = stubs.serve(temp, Map.of());
        catwalk = serving.process();
        api = serving.api();
        admin = serving.admin();
    }

    @AfterAll
    static void stop() {
        AnalysisStubs.stop(serving, stubs);
    }

    static Stream<Path> fixtures() throws Exception {
        return AnalysisFixtures.where(e -> true);
    }

    /** What a link to the fixture's repository (or folder) looks like. */
    private static String link(JsonNode expected) {
        String repo = "https://github.com/" + expected.path("repo").asText();
        return expected.path("subdir").isTextual() ? repo + "/tree/main/" + expected.path("subdir").asText() : repo;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void aRealRepositoryIsAnalysedFromItsFactsAlone(Path fixture) throws Exception {
        stubs.fixture(fixture);
        JsonNode expected = AnalysisFixtures.expected(fixture);
        JsonNode job = analysed(link(expected));
        assertEquals("succeeded", job.path("status").asText(), job.toString());
        JsonNode a = job.path("analysis");
        String seen = fixture.getFileName() + ": " + a.toPrettyString();

        assertEquals(expected.path("isMcpServer").asBoolean(), a.path("isMcpServer").path("value").asBoolean(), seen);
        assertTrue(a.path("deterministic").asBoolean(), seen);
        assertEquals(expected.path("runtime").asText(), a.path("runtime").path("value").asText(), seen);
        if (!expected.path("isMcpServer").asBoolean()) {
            assertEquals("not_an_mcp_server", a.path("notices").get(0).path("code").asText(), seen);
            assertEquals(0, a.path("command").size(), seen);
            return;
        }
        JsonNode pkg = expected.path("package");
        if (!pkg.isObject()) {
            assertTrue(a.path("package").isNull(), seen);
            assertEquals("no_published_package", a.path("notices").get(0).path("code").asText(), seen);
            assertFalse(a.path("notices").get(0).path("hint").asText().isBlank(), seen);
            return;
        }
        assertEquals(pkg.path("registry").asText(), a.path("package").path("registry").asText(), seen);
        assertEquals(pkg.path("name").asText(), a.path("package").path("name").asText(), seen);
        assertEquals(pkg.path("latestVersion").asText(), a.path("package").path("version").asText(), seen);
        assertTrue(a.path("package").path("confirmed").asBoolean(), seen);
        assertFalse(a.path("package").path("source").asText().isBlank(), seen);

        List<String> command = strings(a.path("command"));
        String pinned = pkg.path("registry").asText().equals("npm")
                ? pkg.path("name").asText() + "@" + pkg.path("latestVersion").asText()
                : "--from=" + pkg.path("name").asText() + "==" + pkg.path("latestVersion").asText();
        assertTrue(command.contains(pinned), "the command runs the pinned package: " + command);
        assertEquals(pkg.path("registry").asText().equals("npm") ? "npx" : "uvx", command.getFirst(), seen);
        int requiredArgs = expected.path("requiredArgs").size();
        assertEquals(requiredArgs, a.path("requiredArgs").size(), seen);
        assertEquals(requiredArgs, command.stream().filter(w -> w.startsWith("<")).count(), seen);

        Map<String, JsonNode> found = new HashMap<>();
        a.path("env").forEach(v -> found.put(v.path("name").asText(), v));
        Set<String> mayBeRequired = new HashSet<>();
        for (JsonNode v : expected.path("env")) {
            String name = v.path("name").asText();
            boolean ambiguous = v.path("ambiguous").asBoolean(false);
            if (v.path("required").asBoolean() || ambiguous) {
                mayBeRequired.add(name);
            }
            if (v.path("required").asBoolean() && !ambiguous) {
                assertTrue(found.containsKey(name) && found.get(name).path("required").asBoolean(),
                        name + " is required: " + seen);
            }
            if (found.containsKey(name) && v.path("secret").asBoolean() && !ambiguous) {
                assertTrue(found.get(name).path("secret").asBoolean(), name + " is a secret: " + seen);
            }
        }
        for (JsonNode v : expected.path("envNotForStdio")) {
            String name = v.isObject() ? v.path("name").asText() : v.asText();
            assertFalse(found.containsKey(name), name + " only matters when the server speaks HTTP: " + seen);
        }
        found.forEach((name, v) -> {
            if (v.path("required").asBoolean()) {
                assertTrue(mayBeRequired.contains(name), name + " is not required by the server: " + seen);
            }
            assertFalse(v.path("source").asText().isBlank(), seen);
        });
        assertEquals(200, api.get("/api/analyses/" + job.path("id").asText() + "/form", admin).status());
    }

    @Test
    void badInputIsA422WithoutAnyOutboundRequest() throws Exception {
        int before = stubs.outbound();
        for (String bad : List.of("http://169.254.169.254/", "file:///etc/passwd", "gitlab.com/x/y",
                "https://github.com@evil.com/x/y", "owner/name/../../x", "x".repeat(10_000))) {
            ApiClient.Answer answer = api.post("/api/analyses", admin, Map.of("repo", bad));
            assertEquals(422, answer.status(), bad + " " + answer.body());
            assertEquals("repo", answer.body().path("problems").get(0).path("field").asText(), answer.body().toString());
        }
        assertEquals(422, api.post("/api/analyses", admin, Map.of()).status());
        assertEquals(before, stubs.outbound(), "no request left Catwalk");
    }

    @Test
    void aMissingOrPrivateRepositoryAndARateLimitAreClearFailures() throws Exception {
        stubs.github.stubFor(get(urlEqualTo("/repos/acme/secret")).willReturn(okJson(
                "{\"full_name\":\"acme/secret\",\"private\":true,\"default_branch\":\"main\"}")));
        for (String repo : List.of("acme/nothing-here", "acme/secret")) {
            JsonNode job = analysed(repo);
            assertEquals("failed", job.path("status").asText(), job.toString());
            assertEquals("repository_not_found", job.path("error").path("code").asText(), job.toString());
            assertTrue(job.path("error").path("hint").asText().contains("public"), job.toString());
        }
        stubs.github.stubFor(get(urlPathEqualTo("/repos/acme/limited")).willReturn(aResponse().withStatus(403)
                .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", "1796488800")
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"API rate limit exceeded\"}")));
        JsonNode limited = analysed("acme/limited");
        assertEquals("github_rate_limited", limited.path("error").path("code").asText(), limited.toString());
        assertTrue(limited.path("error").path("hint").asText().contains("2026-12-05T"), limited.toString());
        assertEquals(404, api.get("/api/analyses/no-such-id", admin).status());
    }

    @Test
    void theRegistryIsSearchedAndADeployableServerHasAForm() throws Exception {
        String npmServer = """
                {"name":"io.github.acme/weather","description":"Weather","version":"1.0.0",
                 "repository":{"url":"https://github.com/acme/weather","source":"github"},
                 "packages":[{"registryType":"npm","identifier":"weather-mcp","version":"1.0.0",
                   "transport":{"type":"stdio"},
                   "environmentVariables":[{"name":"WEATHER_API_KEY","isRequired":true,"isSecret":true}]}]}""";
        String remote = """
                {"name":"com.example/remote","description":"Remote only","version":"2.0.0",
                 "remotes":[{"type":"streamable-http","url":"https://mcp.example.com/mcp"}]}""";
        String meta = "\"_meta\":{\"io.modelcontextprotocol.registry/official\":{\"status\":\"active\",\"isLatest\":true}}";
        stubs.registry.stubFor(get(urlPathEqualTo("/v0.1/servers")).willReturn(okJson("{\"servers\":[{\"server\":"
                + npmServer + "," + meta + "},{\"server\":" + remote + "," + meta + "}],"
                + "\"metadata\":{\"nextCursor\":\"c2\",\"count\":2}}")));
        stubs.registry.stubFor(get(urlEqualTo("/v0.1/servers/io.github.acme%2Fweather/versions/latest"))
                .willReturn(okJson("{\"server\":" + npmServer + "," + meta + "}")));

        ApiClient.Answer page = api.get("/api/registry/servers?q=weather&limit=10", admin);
        assertEquals(200, page.status(), page.body().toString());
        JsonNode servers = page.body().path("servers");
        assertEquals(2, servers.size(), page.body().toString());
        assertTrue(servers.get(0).path("deployable").asBoolean());
        assertFalse(servers.get(1).path("deployable").asBoolean());
        assertTrue(servers.get(1).path("remoteOnly").asBoolean());
        assertEquals("c2", page.body().path("nextCursor").asText());

        ApiClient.Answer form = api.get("/api/registry/servers/io.github.acme/weather/form", admin);
        assertEquals(200, form.status(), form.body().toString());
        JsonNode field = form.body().path("fields").get(0);
        assertEquals("WEATHER_API_KEY", field.path("name").asText());
        assertEquals("secret", field.path("type").asText());
        assertTrue(field.path("required").asBoolean());
        assertEquals(400, api.get("/api/registry/servers?limit=1000", admin).status(), "as every bad query parameter");
        assertEquals(404, api.get("/api/registry/servers/io.github.acme/none/form", admin).status());
    }

    @Test
    void fromALinkToAFormToARunningDeployment() throws Exception {
        Path linear = fixtures().filter(f -> f.getFileName().toString().startsWith("jerhadf__linear")).findFirst()
                .orElseThrow();
        stubs.fixture(linear);
        JsonNode job = analysed("https://github.com/jerhadf/linear-mcp-server");
        String id = job.path("id").asText();
        ApiClient.Answer form = api.get("/api/analyses/" + id + "/form", admin);
        assertEquals(200, form.status(), form.body().toString());
        assertEquals("LINEAR_API_KEY", form.body().path("fields").get(0).path("name").asText(), form.body().toString());
        assertEquals("secret", form.body().path("fields").get(0).path("type").asText());

        ApiClient.Answer missing = api.post("/api/deployments", admin, Map.of("analysisId", id, "env", Map.of()));
        assertEquals(422, missing.status(), missing.body().toString());
        assertEquals("env.LINEAR_API_KEY", missing.body().path("problems").get(0).path("field").asText());

        ApiClient.Answer created = api.post("/api/deployments", admin, Map.of("analysisId", id,
                "env", Map.of("LINEAR_API_KEY", "lin_api_not_a_real_key")));
        assertEquals(201, created.status(), created.body().toString());
        assertEquals("linear-mcp-server", created.body().path("name").asText());
        assertEquals("0.1.0", created.body().path("package").path("version").asText(), created.body().toString());
        api.awaitStatus(created.body().path("id").asText(), admin, "running", Duration.ofSeconds(180));
        assertFalse(catwalk.stderrText().contains("lin_api_not_a_real_key"), "the variable is never logged");
    }

    private static JsonNode analysed(String repo) throws Exception {
        return AnalysisStubs.analysed(api, admin, repo);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
