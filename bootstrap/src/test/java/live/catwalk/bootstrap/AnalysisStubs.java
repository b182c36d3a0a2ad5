package live.catwalk.bootstrap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loopback stand-ins for what analysis reads and these machines cannot reach: GitHub's REST API, npm and PyPI
 * metadata, the official MCP registry and OpenRouter, each a WireMock server answering what a test stubs (and
 * 404 to anything else). Payloads are written by the tests or read from the shared analysis fixtures.
 */
final class AnalysisStubs implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final WireMockServer github = started();
    final WireMockServer npm = started();
    final WireMockServer pypi = started();
    final WireMockServer registry = started();
    final WireMockServer openRouter = started();

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    AnalysisStubs() {
        // An empty registry unless a test says otherwise: analyses look a repository up there.
        registry.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v0.1/servers"))
                .atPriority(10).willReturn(okJson("{\"servers\": [], \"metadata\": {\"count\": 0}}")));
    }

    /** The variables that point Catwalk's analysis at these stubs. */
    Map<String, String> env() {
        return Map.of("CATWALK_GITHUB_API_URL", github.baseUrl() + "/", "CATWALK_NPM_REGISTRY", npm.baseUrl() + "/",
                "CATWALK_PYPI_INDEX", pypi.baseUrl() + "/", "CATWALK_MCP_REGISTRY_URL", registry.baseUrl() + "/",
                "CATWALK_OPENROUTER_URL", openRouter.baseUrl() + "/api/v1/");
    }

    /** Catwalk serving with its analysis pointed at these stubs: its process, its API and the admin's token. */
    record Serving(CatwalkProcess process, ApiClient api, String admin) implements AutoCloseable {
        @Override
        public void close() {
            process.close();
        }
    }

    /** Stops what a test class started, whichever of the two got started. */
    static void stop(Serving serving, AnalysisStubs stubs) {
        if (serving != null) {
            serving.close();
        }
        if (stubs != null) {
            stubs.close();
        }
    }

    /** Starts Catwalk with its home and admin token under {@code dir}, these stubs' URLs and {@code extra}. */
    Serving serve(Path dir, Map<String, String> extra) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(env());
        env.putAll(extra);
        env.put("CATWALK_PORT", "0");
        env.put("CATWALK_HOME", dir.resolve("home").toString());
        env.put("CATWALK_ADMIN_TOKEN_FILE", dir.resolve("admin-token").toString());
        CatwalkProcess process = CatwalkProcess.start(env, "serve");
        ApiClient api = new ApiClient(process.awaitServing(java.time.Duration.ofSeconds(60)));
        return new Serving(process, api, Files.readString(dir.resolve("admin-token")).strip());
    }

    /** Starts analysing {@code repo} and polls the job until it is over (or a minute has passed); the last job read. */
    static JsonNode analysed(ApiClient api, String token, String repo) throws Exception {
        ApiClient.Answer started = api.post("/api/analyses", token, Map.of("repo", repo));
        org.junit.jupiter.api.Assertions.assertEquals(202, started.status(), started.body().toString());
        String id = started.body().path("id").asText();
        String location = started.raw().headers().firstValue("Location").orElseThrow();
        org.junit.jupiter.api.Assertions.assertTrue(location.endsWith("/api/analyses/" + id), location);
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        JsonNode job = started.body();
        while (!Set.of("succeeded", "failed").contains(job.path("status").asText()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            job = api.get("/api/analyses/" + id, token).body();
        }
        return job;
    }

    /**
     * The GitHub stub, as GitHub's OAuth app endpoints, takes {@code code} for the account {@code id}/{@code login},
     * a member of {@code orgs}: the code's token answers {@code /user} and {@code /user/orgs}.
     */
    void githubAccount(String code, long id, String login, String... orgs) {
        String token = "gho_" + code.replace("-", "");
        github.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/login/oauth/access_token"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("code=" + code))
                .willReturn(okJson("{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"scope\":\"\"}")));
        github.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/user"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + token))
                .willReturn(okJson("{\"id\":" + id + ",\"login\":\"" + login + "\"}")));
        String list = java.util.Arrays.stream(orgs).map(o -> "{\"login\":\"" + o + "\"}")
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
        github.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/user/orgs"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + token))
                .willReturn(okJson(list)));
    }

    /** Requests received by every stub together. */
    int outbound() {
        return Stream.of(github, npm, pypi, registry, openRouter).mapToInt(s -> s.getAllServeEvents().size()).sum();
    }

    /** A public repository on branch {@code main} at {@code sha} holding {@code files} (path → text). */
    void repository(String fullName, String sha, Map<String, String> files) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        files.forEach((p, t) -> bytes.put(p, t.getBytes(StandardCharsets.UTF_8)));
        ObjectNode repo = JSON.createObjectNode().put("full_name", fullName).put("name", fullName.split("/")[1])
                .put("private", false).put("default_branch", "main").put("archived", false);
        serve(fullName, repo, sha, List.copyOf(files.keySet()), bytes);
    }

    /**
     * A fixture of {@code shared/fixtures/analysis}: its {@code repo.json}, its commit on the default branch, its
     * file list (with the files it carries) and its files byte for byte; and its package on its registry's stub at
     * the version the expected answer gives, as the registry would report it.
     */
    void fixture(Path dir) throws IOException {
        JsonNode repo = JSON.readTree(dir.resolve("repo.json").toFile());
        String sha = Files.readString(dir.resolve("commit.txt")).strip();
        Map<String, byte[]> files = new LinkedHashMap<>();
        Path root = dir.resolve("files");
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.put(root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        Set<String> tree = new LinkedHashSet<>(Files.readAllLines(dir.resolve("tree.txt")).stream()
                .map(String::strip).filter(l -> !l.isEmpty()).toList());
        tree.addAll(files.keySet());
        serve(repo.path("full_name").asText(), (ObjectNode) repo, sha, List.copyOf(tree), files);
        JsonNode pkg = JSON.readTree(dir.resolve("expected.json").toFile()).path("package");
        if (pkg.isObject()) {
            published(pkg.path("registry").asText(), pkg.path("name").asText(), pkg.path("latestVersion").asText());
        }
    }

    /** {@code name} published on npm or PyPI with {@code latest} as its latest version. */
    void published(String registryName, String name, String latest) {
        if (registryName.equals("npm")) {
            npm.stubFor(get(urlEqualTo("/" + name.replace("/", "%2F"))).willReturn(okJson(
                    "{\"name\":\"" + name + "\",\"dist-tags\":{\"latest\":\"" + latest + "\"},\"versions\":{\""
                            + latest + "\":{}}}")));
        } else {
            pypi.stubFor(get(urlEqualTo("/pypi/" + name + "/json")).willReturn(okJson(
                    "{\"info\":{\"name\":\"" + name + "\",\"version\":\"" + latest + "\"},\"releases\":{\"" + latest
                            + "\":[{\"yanked\":false}]}}")));
        }
    }

    private void serve(String fullName, ObjectNode repo, String sha, List<String> tree, Map<String, byte[]> files) {
        github.stubFor(get(urlEqualTo("/repos/" + fullName)).willReturn(okJson(repo.toString())));
        github.stubFor(get(urlEqualTo("/repos/" + fullName + "/commits/" + repo.path("default_branch").asText()))
                .willReturn(okJson("{\"sha\":\"" + sha + "\"}")));
        ObjectNode treeJson = JSON.createObjectNode().put("sha", sha).put("truncated", false);
        ArrayNode entries = treeJson.putArray("tree");
        tree.forEach(p -> entries.addObject().put("path", p).put("type", "blob").put("size", 100));
        github.stubFor(get(urlEqualTo("/repos/" + fullName + "/git/trees/" + sha + "?recursive=1"))
                .willReturn(okJson(treeJson.toString())));
        files.forEach((path, body) -> github.stubFor(get(urlEqualTo("/repos/" + fullName + "/contents/"
                + encoded(path) + "?ref=" + sha)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/vnd.github.raw+json").withBody(body))));
    }

    private static String encoded(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/")) {
            out.append(out.isEmpty() ? "" : "/").append(URLEncoder.encode(segment, StandardCharsets.UTF_8)
                    .replace("+", "%20"));
        }
        return out.toString();
    }

    @Override
    public void close() {
        Stream.of(github, npm, pypi, registry, openRouter).forEach(WireMockServer::stop);
    }
}
