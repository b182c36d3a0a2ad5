package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import live.catwalk.bootstrap.testing.TestTools;
import org.junit.jupiter.api.Test;

/**
 * {@code catwalk runner} as a Fly machine runs it, the real jar serving server-everything (pinned in test-tools,
 * run with its Node): the secret on every route, the principal binding sessions, status, logs, SIGTERM.
 */
class RunnerIT {

    private static final String SECRET = "RunnerSecret0123456789abcdefghijklmnopqrstuvwxyz";
    private static final String DEPLOYMENT_VALUE = "deployment-value-5c3d";
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void servesItsDeploymentToTheSecretAsTheNamedPrincipalAndStopsOnSigterm() throws Exception {
        TestTools tools = TestTools.get();
        String spec = "{\"deployment\":\"dep-1\",\"argv\":" + JSON.writeValueAsString(List.of(tools.node().toString(),
                tools.serverEverything().toString(), "stdio")) + ",\"env\":{\"DEMO_API_KEY\":\"" + DEPLOYMENT_VALUE
                + "\"},\"sessionMode\":\"shared\"}";
        try (CatwalkProcess runner = CatwalkProcess.start(Map.of("CATWALK_RUNNER_SPEC", Base64.getUrlEncoder()
                .withoutPadding().encodeToString(spec.getBytes(StandardCharsets.UTF_8)),
                "CATWALK_RUNNER_SECRET", SECRET, "CATWALK_RUNNER_BIND", "127.0.0.1:0"), "runner")) {
            URI base = runner.awaitServing(Duration.ofSeconds(60));
            URI mcp = base.resolve("mcp/dep-1");

            assertEquals(401, post(mcp, INITIALIZE, null, "alice", null).statusCode());
            assertEquals(401, post(mcp, INITIALIZE, SECRET.toLowerCase(), "alice", null).statusCode());
            // With the secret but no principal (so no owner for a session): 400, as the runner protocol says.
            assertEquals(400, post(mcp, INITIALIZE, SECRET, null, null).statusCode());
            assertEquals(401, post(mcp, INITIALIZE, "wrong", null, null).statusCode());
            assertEquals(401, post(base.resolve("mcp/dep-2"), INITIALIZE, SECRET, "alice", null).statusCode());

            HttpResponse<String> initialized = post(mcp, INITIALIZE, SECRET, "alice", null);
            assertEquals(200, initialized.statusCode(), initialized.body());
            String session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
            post(mcp, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", SECRET, "alice", session);
            JsonNode echo = call(mcp, session, "alice", 1, "echo", "{\"message\":\"hello runner\"}");
            assertTrue(echo.toString().contains("hello runner"), echo::toString);
            String env = call(mcp, session, "alice", 2, "get-env", "{}").toString();
            assertTrue(env.contains(DEPLOYMENT_VALUE), "the spec's variables reach the server");
            assertFalse(env.contains(SECRET) || env.contains("CATWALK_RUNNER"), "the runner's own variables do not");

            HttpResponse<String> stolen = post(mcp, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}",
                    SECRET, "mallory", session);
            assertEquals(404, stolen.statusCode(), "another principal cannot use alice's session: " + stolen.body());

            assertEquals(401, get(base.resolve("status"), null).statusCode());
            assertEquals(401, get(base.resolve("logs"), "wrong").statusCode());
            assertEquals(401, get(base.resolve("api/health"), null).statusCode(), "every route needs the secret");
            assertEquals(404, get(base.resolve("api/health"), SECRET).statusCode(), "a runner serves no API");
            JsonNode status = JSON.readTree(get(base.resolve("status"), SECRET).body());
            assertTrue(status.path("alive").asBoolean(), status::toString);
            assertTrue(status.path("sessions").asInt() >= 1, status::toString);
            assertEquals(0, status.path("restarts").asInt(), status::toString);
            assertTrue(status.path("lastExit").isNull(), status::toString);
            HttpResponse<String> logs = get(base.resolve("logs?lines=5"), SECRET);
            assertEquals(200, logs.statusCode(), logs.body());
            assertTrue(JSON.readTree(logs.body()).path("lines").isArray(), logs.body());
            assertFalse(runner.descendants().isEmpty(), "the server runs under the runner");

            List<ProcessHandle> children = runner.descendants();
            long stopAsked = System.nanoTime();
            runner.signal("TERM");
            assertEquals(0, runner.awaitExit(Duration.ofSeconds(15)), runner.stderrText());
            assertTrue(Duration.ofNanos(System.nanoTime() - stopAsked).toSeconds() < 10, "stops within 10 s");
            assertTrue(children.stream().noneMatch(ProcessHandle::isAlive), "the server's process tree is gone");
            assertFalse(runner.stderrText().contains(SECRET), "the secret is never logged");
            assertFalse(runner.stderrText().contains(DEPLOYMENT_VALUE), "nor the deployment's variables");
        }
    }

    private static JsonNode call(URI mcp, String session, String principal, int id, String tool, String arguments)
            throws Exception {
        HttpResponse<String> response = post(mcp, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}}", SECRET, principal, session);
        assertEquals(200, response.statusCode(), response.body());
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            return JSON.readTree(response.body());
        }
        for (String line : response.body().split("\n")) {
            if (line.startsWith("data: ") && JSON.readTree(line.substring(6)).path("id").asInt(-1) == id) {
                return JSON.readTree(line.substring(6));
            }
        }
        throw new AssertionError("no response " + id + " in " + response.body());
    }

    private static HttpResponse<String> post(URI mcp, String body, String secret, String principal, String session)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(mcp).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, text/event-stream").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header("Authorization", "Bearer " + secret);
        }
        if (principal != null) {
            request.header("Catwalk-Principal", principal);
        }
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI uri, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (secret != null) {
            request.header("Authorization", "Bearer " + secret);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
