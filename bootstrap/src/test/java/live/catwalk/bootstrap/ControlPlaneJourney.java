package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import live.catwalk.bootstrap.testing.TestTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane end to end on a real server: an account, a deployment of a real MCP server from npm
 * run to RUNNING, a tool call through {@code /mcp/{id}}, a crash, a Catwalk restart, isolation between
 * users, and deletion leaving no process behind. Each database gets a subclass.
 */
abstract class ControlPlaneJourney {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final String SECRET_VALUE = "deployment-secret-5e1f";

    @TempDir
    Path temp;

    /** The variables that put Catwalk's state in this database (and its home in {@code home}). */
    protected abstract Map<String, String> storage(Path home) throws Exception;

    @Test
    void fromCreateToRunningToAToolCallToDeleteWithNothingLeftBehind() throws Exception {
        TestTools tools = TestTools.get();
        Map<String, String> env = environment();
        String id;
        String deploymentToken;
        String adminToken;
        try (CatwalkProcess catwalk = CatwalkProcess.start(env, "serve")) {
            ApiClient api = new ApiClient(catwalk.awaitServing(START));
            adminToken = Files.readString(temp.resolve("admin-token")).strip();
            assertEquals("admin", api.get("/api/me", adminToken).body().path("name").asText());
            Path home = temp.resolve("home");
            assertFalse(Files.exists(home.resolve("admin-token")), "the admin token is not kept in Catwalk's home");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("admin-token"))));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
            try (var files = Files.list(home)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
                }
            }

            ApiClient.Answer created = api.post("/api/deployments", adminToken, Map.of(
                    "name", "everything",
                    "command", List.of(tools.node().toString(), tools.serverEverything().toString(), "stdio"),
                    "env", Map.of("DEMO_API_KEY", SECRET_VALUE),
                    "sessionMode", "shared"));
            assertEquals(201, created.status(), created.body().toString());
            assertFalse(created.raw().body().contains(SECRET_VALUE), "a variable's value is never returned");
            id = created.body().path("id").asText();
            deploymentToken = created.body().path("token").asText();
            assertTrue(deploymentToken.startsWith("cwd_"), created.body().toString());
            URI mcpUrl = URI.create(created.body().path("mcpUrl").asText());

            api.awaitStatus(id, adminToken, "running", SETTLE);
            JsonNode echo = new TestMcpClient(mcpUrl, deploymentToken).initialize().call("echo", "{\"message\":\"hi\"}");
            assertTrue(echo.path("result").toString().contains("hi"), echo.toString());
            assertEquals(200, initializeStatus(URI.create(mcpUrl + "?token=" + deploymentToken)));
            assertEquals(401, initializeStatus(URI.create(mcpUrl + "?token=cwd_wrong")));
            assertFalse(catwalk.stderrText().contains(deploymentToken), "the ?token= never reaches the log");

            // A rotated token: the old one stops working at once, the new one works.
            ApiClient.Answer rotated = api.post("/api/deployments/" + id + "/token", adminToken, Map.of());
            assertEquals(200, rotated.status(), rotated.body().toString());
            String oldToken = deploymentToken;
            deploymentToken = rotated.body().path("token").asText();
            assertEquals(401, initializeStatus(mcpUrl, oldToken));
            assertEquals(200, initializeStatus(mcpUrl, deploymentToken));

            // The child killed: UNHEALTHY while it restarts, then RUNNING again, both recorded.
            List<ProcessHandle> servers = servers(catwalk);
            assertFalse(servers.isEmpty(), "server-everything runs under Catwalk");
            servers.forEach(ProcessHandle::destroyForcibly);
            awaitEvent(api, adminToken, id, to("unhealthy"));
            api.awaitStatus(id, adminToken, "running", SETTLE);
            List<String> path = statuses(api, adminToken, id);
            assertTrue(path.containsAll(List.of("pending", "validating", "starting", "running", "unhealthy")), path.toString());
            assertEquals(200, api.get("/api/deployments/" + id + "/logs?lines=50", adminToken).status());

            catwalk.signal("TERM");
            assertNotEquals(-1, catwalk.awaitExit(Duration.ofSeconds(10)));
        }

        try (CatwalkProcess again = CatwalkProcess.start(env, "serve")) {
            ApiClient api = new ApiClient(again.awaitServing(START));
            api.awaitStatus(id, adminToken, "running", SETTLE);
            URI mcpUrl = URI.create(api.get("/api/deployments/" + id, adminToken).body().path("mcpUrl").asText());
            JsonNode echo = new TestMcpClient(mcpUrl, deploymentToken).initialize().call("echo", "{\"message\":\"again\"}");
            assertTrue(echo.path("result").toString().contains("again"), "the server runs again after Catwalk restarted");

            assertEquals(204, api.delete("/api/deployments/" + id, adminToken).status());
            assertEquals(404, api.get("/api/deployments/" + id, adminToken).status());
            assertEquals(List.of(), servers(again), "no process of the deployment is left");
            assertEquals(401, initializeStatus(mcpUrl, deploymentToken));
        }
    }

    @Test
    void anotherUserGets404OnEveryEndpointOfADeploymentAndBadRequestsGetProblemJson() throws Exception {
        try (CatwalkProcess catwalk = CatwalkProcess.start(environment(), "serve")) {
            ApiClient api = new ApiClient(catwalk.awaitServing(START));
            String admin = Files.readString(temp.resolve("admin-token")).strip();
            ApiClient.Answer bob = api.post("/api/users", admin, Map.of("name", "bob", "role", "user"));
            assertEquals(201, bob.status(), bob.body().toString());
            String bobToken = bob.body().path("token").asText();
            ApiClient.Answer created = api.post("/api/deployments", admin, Map.of(
                    "name", "mine", "command", List.of("/bin/cat"), "env", Map.of()));
            assertEquals(201, created.status(), created.body().toString());
            String path = "/api/deployments/" + created.body().path("id").asText();

            List<ApiClient.Answer> answers = new ArrayList<>(List.of(
                    api.get(path, bobToken), api.post(path + "/stop", bobToken, Map.of()),
                    api.post(path + "/start", bobToken, Map.of()), api.post(path + "/restart", bobToken, Map.of()),
                    api.put(path + "/env", bobToken, Map.of("env", Map.of())), api.post(path + "/token", bobToken, Map.of()),
                    api.get(path + "/events", bobToken), api.get(path + "/logs", bobToken),
                    api.get(path + "/connect", bobToken), api.delete(path, bobToken)));
            for (ApiClient.Answer answer : answers) {
                assertEquals(404, answer.status(), answer.raw().uri() + " " + answer.body());
                assertEquals("not_found", answer.body().path("error").asText(), answer.body().toString());
            }
            assertEquals(0, api.get("/api/deployments", bobToken).body().path("items").size());
            assertEquals(200, api.get(path, admin).status(), "the owner still has it");

            assertEquals(401, api.get("/api/deployments", null).status());
            assertEquals(401, api.get("/api/deployments", "cwk_not-a-token").status());
            assertEquals(400, api.raw("POST", "/api/deployments", admin, "{\"name\": ").status());
            ApiClient.Answer unknown = api.post("/api/deployments", admin, Map.of("name", "x", "colour", "red"));
            assertEquals(400, unknown.status());
            assertEquals("colour", unknown.body().path("field").asText(), unknown.body().toString());
            ApiClient.Answer invalid = api.post("/api/deployments", admin, Map.of(
                    "name", "", "package", Map.of("registry", "npm", "name", "Not_Valid!"), "env", Map.of("PATH", "x")));
            assertEquals(422, invalid.status(), invalid.body().toString());
            assertTrue(invalid.body().path("problems").size() >= 3, invalid.body().toString());
            ApiClient.Answer huge = api.raw("POST", "/api/deployments", admin,
                    "{\"name\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}");
            assertEquals(413, huge.status());
        }
    }

    /**
     * Each failure says why, alike in the deployment's reason, its events and the MCP error: a server that exits
     * naming a missing variable (then runs once it is set), a runtime program not installed (422 at create) and a
     * program gone before a start (FAILED naming it).
     */
    @Test
    void aFailedDeploymentSaysWhyInItsReasonItsEventsAndTheMcpError() throws Exception {
        TestTools tools = TestTools.get();
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path tiny = Path.of(System.getProperty("catwalk.root", ".."), "bootstrap/src/test/resources/servers",
                "tiny-server.mjs").toAbsolutePath();
        Path server = bin.resolve("needs-key-server");
        Files.writeString(server, "#!/bin/sh\nif [ -z \"$FOO_API_KEY\" ]; then\n  echo starting >&2\n"
                + "  echo 'Error: FOO_API_KEY environment variable is required' >&2\n  exit 1\nfi\n"
                + "exec '" + tools.node() + "' '" + tiny + "'\n");
        Files.setPosixFilePermissions(server, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> env = environment();
        env.put("PATH", bin + ":" + pathWithout("uvx"));
        String id;
        String token;
        URI mcpUrl;
        try (CatwalkProcess catwalk = CatwalkProcess.start(env, "serve")) {
            ApiClient api = new ApiClient(catwalk.awaitServing(START));
            String admin = Files.readString(temp.resolve("admin-token")).strip();

            ApiClient.Answer noUvx = api.post("/api/deployments", admin, Map.of(
                    "name", "git", "package", Map.of("registry", "pypi", "name", "mcp-server-git")));
            assertEquals(422, noUvx.status(), noUvx.body().toString());
            JsonNode problem = noUvx.body().path("problems").get(0);
            assertEquals("package.registry", problem.path("field").asText(), noUvx.body().toString());
            assertEquals("uvx is not installed on this Catwalk host", problem.path("message").asText());
            assertEquals("install uv (https://docs.astral.sh/uv/) or put uvx on Catwalk's PATH",
                    problem.path("hint").asText());

            ApiClient.Answer created = api.post("/api/deployments", admin, Map.of(
                    "name", "needs-key", "command", List.of("needs-key-server"), "env", Map.of()));
            assertEquals(201, created.status(), created.body().toString());
            id = created.body().path("id").asText();
            token = created.body().path("token").asText();
            mcpUrl = URI.create(created.body().path("mcpUrl").asText());

            api.awaitStatus(id, admin, "failed", SETTLE);
            String missing = "Error: FOO_API_KEY environment variable is required";
            String reason = api.get("/api/deployments/" + id, admin).body().path("reason").asText();
            // (the last exit comes a moment before the supervisor's give-up; a pass in between sees the exit)
            assertTrue(reason.startsWith("The MCP server kept crashing and was stopped ('needs-key-server' ended 5 times")
                    || reason.startsWith("The MCP server exited with code 1 and is not restarted: "), reason);
            String cause = "FOO_API_KEY environment variable is required — set FOO_API_KEY with PUT /api/deployments/"
                    + id + "/env. Its last stderr line: " + missing;
            assertTrue(reason.endsWith(": " + cause), reason);
            List<JsonNode> events = new ArrayList<>();
            api.get("/api/deployments/" + id + "/events", admin).body().path("items").forEach(events::add);
            List<JsonNode> crashes = events.stream().filter(e -> e.path("message").asText().startsWith("crashed")).toList();
            assertEquals(5, crashes.size(), events.toString());
            assertEquals("crashed with exit code 1, restarting in 500 ms; last stderr: starting | " + missing,
                    crashes.getFirst().path("message").asText());
            assertTrue(crashes.getLast().path("message").asText().startsWith("crashed with exit code 1, not restarted"),
                    crashes.getLast().toString());
            assertEquals("failed", events.getLast().path("to").asText());
            assertEquals("failed: " + reason, events.getLast().path("message").asText());
            assertTrue(events.indexOf(crashes.getLast()) < events.size() - 1, "the crashes come before the failure");
            String told = mcpError(mcpUrl, token).path("error").path("message").asText();
            assertTrue(told.startsWith("The deployment failed: The MCP server ") && told.contains(": " + cause + ". ")
                    && told.endsWith("start it again with POST /api/deployments/" + id + "/start."), told);
            catwalk.signal("TERM");
            assertNotEquals(-1, catwalk.awaitExit(Duration.ofSeconds(10)));
        }
        try (CatwalkProcess catwalk = CatwalkProcess.start(env, "serve")) {
            // Failed before the restart and still wanted running: tried once more, failing again the same way.
            ApiClient api = new ApiClient(catwalk.awaitServing(START));
            String admin = Files.readString(temp.resolve("admin-token")).strip();
            awaitEvent(api, admin, id, e -> e.path("message").asText().equals(
                    "Catwalk restarted; trying the failed deployment again"));
            api.awaitStatus(id, admin, "failed", SETTLE);
            assertTrue(api.get("/api/deployments/" + id, admin).body().path("reason").asText()
                    .contains("FOO_API_KEY environment variable is required — set FOO_API_KEY"));

            ApiClient.Answer set = api.put("/api/deployments/" + id + "/env", admin,
                    Map.of("env", Map.of("FOO_API_KEY", "foo-key-value")));
            assertEquals(200, set.status(), set.body().toString());
            api.awaitStatus(id, admin, "running", SETTLE);
            mcpUrl = URI.create(api.get("/api/deployments/" + id, admin).body().path("mcpUrl").asText()); // a new port
            JsonNode echo = new TestMcpClient(mcpUrl, token).initialize().call("echo", "{\"message\":\"set\"}");
            assertTrue(echo.path("result").toString().contains("set"), echo.toString());

            assertEquals(200, api.post("/api/deployments/" + id + "/stop", admin, Map.of()).status());
            api.awaitStatus(id, admin, "stopped", SETTLE);
            Files.delete(server);
            api.post("/api/deployments/" + id + "/start", admin, Map.of());
            api.awaitStatus(id, admin, "failed", SETTLE);
            String gone = "'needs-key-server' is not installed on this Catwalk host: install it or put it on "
                    + "Catwalk's PATH";
            assertEquals(gone, api.get("/api/deployments/" + id, admin).body().path("reason").asText());
            assertTrue(statusMessages(api, admin, id).contains("failed: " + gone));
        }
    }

    /** The directories of this JVM's PATH that hold no {@code program}. */
    private static String pathWithout(String program) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                .filter(dir -> !dir.isEmpty() && !Files.exists(Path.of(dir, program)))
                .collect(java.util.stream.Collectors.joining(":"));
    }

    private static JsonNode mcpError(URI url, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, text/event-stream").header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                        + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}")).build();
        String body = HttpClient.newHttpClient().send(request, BodyHandlers.ofString()).body();
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
    }

    private static List<String> statusMessages(ApiClient api, String token, String id) throws Exception {
        List<String> messages = new ArrayList<>();
        api.get("/api/deployments/" + id + "/events", token).body().path("items")
                .forEach(e -> messages.add(e.path("message").asText()));
        return messages;
    }

    private Map<String, String> environment() throws Exception {
        Path home = temp.resolve("home");
        Map<String, String> env = new HashMap<>(storage(home));
        env.put("CATWALK_PORT", "0");
        env.put("CATWALK_HOME", home.toString());
        env.put("CATWALK_ADMIN_TOKEN_FILE", temp.resolve("admin-token").toString());
        return env;
    }

    private static List<ProcessHandle> servers(CatwalkProcess catwalk) {
        return catwalk.descendants().stream().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains("server-everything")).orElse(false)).toList();
    }

    private static int initializeStatus(URI url) throws Exception {
        return initializeStatus(url, null);
    }

    private static int initializeStatus(URI url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, text/event-stream").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                        + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), BodyHandlers.discarding()).statusCode();
    }


    private static void awaitEvent(ApiClient api, String token, String id, Predicate<JsonNode> event) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        JsonNode events = null;
        while (System.nanoTime() < deadline) {
            events = api.get("/api/deployments/" + id + "/events", token).body().path("items");
            for (JsonNode e : events) {
                if (event.test(e)) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no such event within " + SETTLE + ": " + events);
    }

    private static Predicate<JsonNode> to(String status) {
        return e -> status.equals(e.path("to").asText());
    }

    private static List<String> statuses(ApiClient api, String token, String id) throws Exception {
        List<String> path = new ArrayList<>();
        api.get("/api/deployments/" + id + "/events", token).body().path("items").forEach(e -> path.add(e.path("to").asText()));
        return path;
    }
}
