package live.catwalk.embedtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import live.catwalk.bootstrap.Catwalk;
import live.catwalk.bootstrap.testing.TestTools;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catwalk embedded through its public API only ({@link Catwalk}; this package sees nothing else of bootstrap):
 * started from the builder, a deployment of a real stdio MCP server created as the first admin, then one MCP
 * call over HTTP on Catwalk's own port and one through the exchange function an application mounts itself.
 * The code between the README markers is the README's "Use as a library" example, kept equal by
 * {@code ReadmeLibraryExampleTest}.
 */
class EmbeddedCatwalkIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"app\",\"version\":\"1\"}}}";
    private static final String ECHO = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{"
            + "\"name\":\"echo\",\"arguments\":{\"message\":\"%s\"}}}";

    @TempDir
    Path temp;

    @Test
    void anApplicationEmbedsCatwalkServesMcpOnItsPortAndMountsTheExchangeItself() throws Exception {
        Path home = temp.resolve("catwalk-data");
        Path tokenFile = temp.resolve("admin-token"); // outside the home, which servers may read
        List<String> server = new ArrayList<>(List.of(TestTools.get().node().toString(), Path.of(
                System.getProperty("catwalk.root", ".."), "bootstrap/src/test/resources/servers/tiny-server.mjs")
                .toAbsolutePath().toString()));
        int port;
        // README: library example begins
        try (Catwalk catwalk = Catwalk.builder()
                .home(home)                                   // embedded H2 database and keyset
                .port(0)                                      // any free port; catwalk.uri() tells which
                .sandbox("off")                               // "auto" sandboxes servers with bubblewrap
                .adminTokenFile(tokenFile)                    // the first admin's API token, written once
                .start()) {
            Catwalk.Control admin = catwalk.as(Files.readString(tokenFile).strip());
            Catwalk.Created created = admin.createCommand("tiny", server, Map.of());
            String id = created.deployment().id();
            URI mcp = catwalk.mcpUrl(id);                    // give MCP clients this URL and created.token()
            // README: library example ends
            port = catwalk.uri().getPort();
            awaitRunning(admin, id);

            String overHttp = overHttp(mcp, created.token());
            String mounted = mounted(catwalk, id, created.token());

            assertEquals("over http", overHttp);
            assertEquals("mounted", mounted);
            assertEquals("running", admin.get(id).status());
            assertTrue(admin.list(0, 100).stream().anyMatch(d -> d.id().equals(id) && d.name().equals("tiny")));
        }
        try (ServerSocket again = new ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort(), "the port is free again after close()");
        }
    }

    private static void awaitRunning(Catwalk.Control admin, String id) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!admin.get(id).status().equals("running")) {
            assertTrue(Instant.now().isBefore(deadline), () -> "not running: " + admin.get(id));
            Thread.sleep(100);
        }
    }

    private static String overHttp(URI mcp, String token) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> init = http.send(post(mcp, token, null, INIT), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, init.statusCode(), init.body());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        HttpResponse<String> echo = http.send(post(mcp, token, session, ECHO.formatted("over http")),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, echo.statusCode(), echo.body());
        return text(JSON.readTree(echo.body()));
    }

    private static HttpRequest post(URI mcp, String token, String session, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(mcp).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-06-18");
        }
        return request.build();
    }

    private static String mounted(Catwalk catwalk, String id, String token) throws Exception {
        Map<String, List<String>> headers = Map.of("Host", List.of("127.0.0.1"),
                "authorization", List.of("Bearer " + token), "content-type", List.of("application/json"),
                "accept", List.of("application/json, text/event-stream"));
        McpHttpResponse init = catwalk.exchange("POST", id, headers, INIT);
        assertEquals(200, init.status());
        String session = init.headers().get("Mcp-Session-Id");
        Map<String, List<String>> inSession = new java.util.HashMap<>(headers);
        inSession.put("Mcp-Session-Id", List.of(session));
        inSession.put("MCP-Protocol-Version", List.of("2025-06-18"));
        McpHttpResponse echo = catwalk.exchange("POST", id, inSession, ECHO.formatted("mounted"));
        McpHttpResponse.Json json = assertInstanceOf(McpHttpResponse.Json.class, echo);
        assertEquals(200, json.status());
        McpHttpResponse wrongToken = catwalk.exchange("POST", id, Map.of("Host", List.of("127.0.0.1"),
                "Authorization", List.of("Bearer cwd_wrong")), INIT);
        assertEquals(401, wrongToken.status());
        return text(JSON.readTree(json.body()));
    }

    private static String text(JsonNode answer) {
        return answer.path("result").path("content").path(0).path("text").asText(answer.toString());
    }
}
