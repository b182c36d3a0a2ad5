package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code package.args} through the real jar: a real npm server ({@code @modelcontextprotocol/server-filesystem},
 * from the public registry, run by {@code npx}) gets its directories as arguments and lists one over MCP; bad
 * arguments are a 422 naming the argument. And the deployments file: its packages pinned at start like the API's,
 * one that cannot be pinned not run, all listed read-only for the admin.
 */
class PackageArgsIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final String FILESYSTEM = "@modelcontextprotocol/server-filesystem";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("CATWALK_PORT", "0");
        env.put("CATWALK_HOME", temp.resolve("home").toString());
        env.put("CATWALK_ADMIN_TOKEN_FILE", temp.resolve("admin-token").toString());
        return env;
    }

    @Test
    void aRealServerGetsItsArgumentsAndListsTheDirectoryTheyName() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data dir"));
        Files.writeString(data.resolve("catwalk-marker.txt"), "hello");
        Path other = Files.createDirectories(temp.resolve("other"));
        try (CatwalkProcess catwalk = CatwalkProcess.start(env(), "serve")) {
            ApiClient api = new ApiClient(catwalk.awaitServing(START));
            String admin = Files.readString(temp.resolve("admin-token")).strip();

            ApiClient.Answer bad = api.post("/api/deployments", admin, Map.of("name", "bad", "package",
                    Map.of("registry", "npm", "name", FILESYSTEM, "args", List.of("a", "b", "c", "two\nlines"))));
            assertEquals(422, bad.status(), bad.body().toString());
            JsonNode problem = bad.body().path("problems").get(0);
            assertEquals("package.args[3]", problem.path("field").asText(), bad.body().toString());
            assertTrue(problem.path("message").asText().contains("control character"), bad.body().toString());

            ApiClient.Answer created = api.post("/api/deployments", admin, Map.of("name", "files", "package",
                    Map.of("registry", "npm", "name", FILESYSTEM, "args", List.of(data.toString(), other.toString()))));
            assertEquals(201, created.status(), created.body().toString());
            JsonNode pkg = created.body().path("package");
            assertTrue(pkg.path("version").asText().matches("\\d+\\.\\d+\\.\\d+.*"), "pinned: " + pkg);
            assertEquals(List.of(data.toString(), other.toString()), strings(pkg.path("args")));
            String path = "/api/deployments/" + created.body().path("id").asText();
            assertEquals(pkg, api.get(path, admin).body().path("package"), "the arguments are stored and read back");

            awaitRunning(api, path, admin, catwalk);
            TestMcpClient mcp = new TestMcpClient(URI.create(created.body().path("mcpUrl").asText()),
                    created.body().path("token").asText()).initialize();

            JsonNode listed = mcp.call("list_directory", JSON.writeValueAsString(Map.of("path", data.toString())));
            assertTrue(listed.path("result").toString().contains("catwalk-marker.txt"), listed.toString());
            JsonNode allowed = mcp.call("list_allowed_directories", "{}");
            assertTrue(allowed.toString().contains("other"), allowed.toString());
            JsonNode outside = mcp.call("list_directory", JSON.writeValueAsString(Map.of("path", temp.toString())));
            assertTrue(outside.has("error") || outside.path("result").path("isError").asBoolean(),
                    "a directory not passed as an argument is not served: " + outside);
        }
    }

    @Test
    void theDeploymentsFilesPackagesArePinnedAtStartAndListedReadOnly() throws Exception {
        String fileToken = "file-deployment-token-0123";
        Path file = Files.writeString(temp.resolve("deployments.json"), JSON.writeValueAsString(Map.of("deployments",
                List.of(Map.of("id", "tool", "package", Map.of("registry", "npm", "name", "@acme/tool", "args",
                                List.of("--root", "/srv")), "token", fileToken),
                        Map.of("id", "unpinnable", "package", Map.of("registry", "npm", "name", "@acme/bad-latest"),
                                "token", fileToken + "-2")))));
        try (StubNpmRegistry registry = StubNpmRegistry.start()) {
            Map<String, String> env = env();
            env.put("CATWALK_NPM_REGISTRY", registry.url());
            env.put("CATWALK_DEPLOYMENTS_FILE", file.toString());
            try (CatwalkProcess catwalk = CatwalkProcess.start(env, "serve")) {
                ApiClient api = new ApiClient(catwalk.awaitServing(START));
                String admin = Files.readString(temp.resolve("admin-token")).strip();

                JsonNode items = api.get("/api/deployments", admin).body().path("items");
                assertEquals(2, items.size(), items.toString());
                JsonNode tool = items.get(0);
                assertEquals("tool", tool.path("id").asText());
                assertEquals("file", tool.path("source").asText());
                assertEquals("1.0.0", tool.path("package").path("version").asText(), "pinned at start: " + tool);
                assertEquals(List.of("--root", "/srv"), strings(tool.path("package").path("args")));
                JsonNode unpinnable = items.get(1);
                assertEquals("failed", unpinnable.path("status").asText(), unpinnable.toString());
                assertTrue(unpinnable.path("reason").asText().contains("never runs a package unpinned"),
                        unpinnable.toString());
                assertTrue(catwalk.stderrText().contains("unpinnable (deployments file): not started"),
                        catwalk.stderrText());

                ApiClient.Answer delete = api.delete("/api/deployments/tool", admin);
                assertEquals(409, delete.status(), delete.body().toString());
                assertEquals("managed_by_file", delete.body().path("error").asText());
                assertEquals(200, api.get("/api/deployments/tool", admin).status());
                assertFalse(catwalk.stderrText().contains(fileToken), "the file's token is never logged");
            }
        }
    }

    private static void awaitRunning(ApiClient api, String path, String token, CatwalkProcess catwalk) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180)); // npx fetches the package the first time
        JsonNode deployment = api.get(path, token).body();
        while (!deployment.path("status").asText().equals("running") && Instant.now().isBefore(deadline)) {
            assertFalse(deployment.path("status").asText().equals("failed"), deployment + "\n" + catwalk.stderrText());
            Thread.sleep(500);
            deployment = api.get(path, token).body();
        }
        assertEquals("running", deployment.path("status").asText(), deployment + "\n" + catwalk.stderrText());
    }

    private static List<String> strings(JsonNode array) {
        return JSON.convertValue(array, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }
}
