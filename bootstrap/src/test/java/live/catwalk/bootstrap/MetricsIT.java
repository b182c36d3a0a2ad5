package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import live.catwalk.bootstrap.testing.TestTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} of the real jar: by default only an admin's token reads it on the main port, and what it shows
 * follows real traffic (MCP requests to a real stdio server, a wrong token, a crash-looping server's restarts and
 * give-up, the deployments' states, a refused OAuth token request, the database pool); with
 * {@code CATWALK_METRICS_BIND} it is served without a token there and no longer on the main port.
 */
class MetricsIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}";
    /** Exits at once, every time: the supervisor restarts it four times, then gives up (five exits a minute). */
    private static final List<String> BROKEN = List.of("/bin/sh", "-c", "echo 'no luck' >&2; exit 3");

    @TempDir
    Path temp;

    @Test
    void onlyAnAdminReadsTheMetricsOnTheMainPortAndTheyFollowRealTraffic() throws Exception {
        Path tiny = Path.of(System.getProperty("catwalk.root", ".."), "bootstrap/src/test/resources/servers",
                "tiny-server.mjs");
        try (CatwalkProcess catwalk = CatwalkProcess.start(environment(), "serve")) {
            ApiClient api = new ApiClient(catwalk.awaitServing(START));
            String admin = Files.readString(temp.resolve("admin-token")).strip();
            URI metrics = api.base().resolve("/metrics");
            assertEquals(401, get(metrics, null).statusCode(), "never open by default");
            String bob = api.post("/api/users", admin, Map.of("name", "bob")).body().path("token").asText();
            assertEquals(403, get(metrics, bob).statusCode(), "a user who is no admin");
            HttpResponse<String> before = get(metrics, admin);
            assertEquals(200, before.statusCode(), before.body());
            assertEquals(0, sample(before.body(), "catwalk_server_restarts_total"));
            assertFalse(before.body().contains("method=\"tools/call\""), "nothing served yet");

            ApiClient.Answer created = api.post("/api/deployments", admin, Map.of("name", "tiny", "command",
                    List.of(TestTools.get().node().toString(), tiny.toString()), "env", Map.of(), "sessionMode", "shared"));
            URI mcp = URI.create(created.body().path("mcpUrl").asText());
            String token = created.body().path("token").asText();
            HttpResponse<String> init = post(mcp, token, null, INITIALIZE);
            assertEquals(200, init.statusCode(), init.body());
            String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
            assertEquals(202, post(mcp, token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                    .statusCode());
            for (int i = 0; i < 3; i++) {
                assertEquals(200, post(mcp, token, session, "{\"jsonrpc\":\"2.0\",\"id\":" + (10 + i) + ",\"method\":"
                        + "\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}}}").statusCode());
            }
            assertEquals(401, post(mcp, "cwd_wrong", null, INITIALIZE).statusCode());
            String broken = api.post("/api/deployments", admin, Map.of("name", "broken", "command", BROKEN,
                    "env", Map.of(), "sessionMode", "shared")).body().path("id").asText();
            api.awaitStatus(broken, admin, "failed", START);
            HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(api.base().resolve("/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=x&client_id=nobody"))
                    .build(), BodyHandlers.ofString());
            assertEquals(401, refused.statusCode(), refused.body());

            String after = get(metrics, admin).body();
            assertEquals(1, sample(after, requests("initialize", "2025", "ok")));
            assertEquals(1, sample(after, requests("notifications/initialized", "2025", "ok")));
            assertEquals(3, sample(after, requests("tools/call", "2025", "ok")));
            assertEquals(1, sample(after, requests("unread", "unknown", "unauthorized")), "the wrong token");
            assertEquals(1, sample(after, "catwalk_mcp_sessions"));
            assertEquals(1, sample(after, "catwalk_server_processes"), "tiny's; broken has none left");
            assertEquals(4, sample(after, "catwalk_server_restarts_total"), "broken's generations 2 to 5");
            assertEquals(1, sample(after, "catwalk_server_give_ups_total"));
            assertEquals(1, sample(after, "catwalk_deployments{status=\"running\"}"));
            assertEquals(1, sample(after, "catwalk_deployments{status=\"failed\"}"));
            assertEquals(1, sample(after, "catwalk_oauth_tokens_total{grant_type=\"authorization_code\","
                    + "outcome=\"invalid_client\"}"));
            assertEquals(1, sample(after, "catwalk_db_connections_max"), "the embedded database's one connection");
            for (String secret : List.of(token, admin, bob, broken, session, mcp.getPath())) {
                assertFalse(after.contains(secret), "no id, token or path in the metrics");
            }
        }
    }

    @Test
    void onTheirOwnAddressTheMetricsNeedNoTokenAndLeaveTheMainPort() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Map<String, String> env = environment();
        env.put("CATWALK_METRICS_BIND", "127.0.0.1:" + port);
        try (CatwalkProcess catwalk = CatwalkProcess.start(env, "serve")) {
            URI base = catwalk.awaitServing(START);
            String admin = Files.readString(temp.resolve("admin-token")).strip();

            HttpResponse<String> own = get(URI.create("http://127.0.0.1:" + port + "/metrics"), null);
            assertEquals(200, own.statusCode(), own.body());
            assertTrue(own.body().contains("# TYPE catwalk_server_restarts_total counter"), own.body());
            assertEquals(404, get(base.resolve("/metrics"), admin).statusCode(), "not on the main port any more");
        }
    }

    private static String requests(String method, String era, String outcome) {
        return "catwalk_mcp_requests_seconds_count{era=\"" + era + "\",method=\"" + method + "\",outcome=\""
                + outcome + "\"}";
    }

    /** The value of the one sample line of {@code series} (name and labels as Prometheus writes them). */
    private static double sample(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        if (!m.find()) {
            throw new AssertionError("no sample " + series + " in:\n" + scrape);
        }
        return Double.parseDouble(m.group(1));
    }

    private static HttpResponse<String> get(URI uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(URI mcp, String token, String session, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(mcp).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, text/event-stream").header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18");
        }
        return HTTP.send(request.build(), BodyHandlers.ofString());
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("CATWALK_PORT", "0");
        env.put("CATWALK_HOME", temp.resolve("home").toString());
        env.put("CATWALK_ADMIN_TOKEN_FILE", temp.resolve("admin-token").toString());
        return env;
    }
}
