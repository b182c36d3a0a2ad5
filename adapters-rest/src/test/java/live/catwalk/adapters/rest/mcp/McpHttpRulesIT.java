package live.catwalk.adapters.rest.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import live.catwalk.adapters.rest.RestServer;
import live.catwalk.adapters.rest.mcp.RawHttp.Reply;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.mcp.domain.http.Challenge;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.fakes.CountingSessionIds;
import live.catwalk.core.mcp.fakes.FakeStdioServers;
import live.catwalk.core.mcp.fakes.MutableClock;
import live.catwalk.core.mcp.port.out.McpAccess;
import live.catwalk.core.mcp.domain.GatewayLimits;
import live.catwalk.core.mcp.port.out.DeploymentStates;
import live.catwalk.core.mcp.usecase.ServeMcpService;
import live.catwalk.core.mcp.engine.McpEndpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One raw-HTTP test per Streamable HTTP rule, against the real server, with a fake MCP server behind it. */
class McpHttpRulesIT {

    static final String TOKEN = "a-token-of-some-length";
    /** A valid token without the scope the endpoint needs. */
    static final String SCANT = "cwa_a-token-without-the-scope";
    static final String PRM = "https://catwalk.example/.well-known/oauth-protected-resource/mcp/dep";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"%s\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";

    final FakeStdioServers servers = new FakeStdioServers();
    McpEndpoints endpoints;
    RestServer server;
    URI base;

    /** Defaults with 64 KiB bodies, a 300 ms JSON window, 5 s to start, and a retry of 700 ms. */
    static GatewaySettings settings() {
        GatewaySettings d = GatewaySettings.defaults();
        return new GatewaySettings(d.allowedHosts(), d.allowedOrigins(), 64 * 1024, Duration.ofMillis(300),
                d.idleTimeout(), d.maxSessions(), d.maxChildren(), d.requestTimeout(), Duration.ofSeconds(5),
                d.eventLogEvents(), d.eventLogBytes(), 700);
    }

    /** Endpoints over {@code servers} with deployment {@code dep} registered in shared mode. */
    static McpEndpoints endpointsOver(FakeStdioServers servers, GatewaySettings settings) {
        McpEndpoints endpoints = new McpEndpoints(servers, new CountingSessionIds(), new MutableClock(Instant.EPOCH),
                settings, "1");
        endpoints.register("dep", new ServerCommand(List.of("fake"), Map.of()), SessionMode.SHARED);
        return endpoints;
    }

    @BeforeEach
    void start() throws IOException {
        GatewaySettings settings = settings();
        endpoints = endpointsOver(servers, settings);
        McpAccess bearer = McpAccess.bearer((deployment, token) -> deployment.equals("dep") && token.equals(Optional.of(TOKEN))
                ? Optional.of("user") : Optional.empty());
        McpAccess access = (deployment, headers, token) -> token.equals(Optional.of(SCANT))
                ? new McpAccess.Decision.Forbidden(Challenge.insufficientScope(PRM, Set.of("mcp")))
                : bearer.decide(deployment, headers, token);
        var serve = new ServeMcpService(settings, GatewayLimits.defaults(), access, DeploymentStates.NONE, endpoints);
        server = RestServer.builder("127.0.0.1", 0).maxBodyBytes(1024 * 1024)
                .mcpEndpoint(serve, Duration.ofMillis(200))
                .build();
        base = server.start();
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ZERO);
        endpoints.close();
    }

    static Map<String, String> headers(String session) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Authorization", "Bearer " + TOKEN);
        h.put("Accept", "application/json, text/event-stream");
        h.put("Content-Type", "application/json");
        if (session != null) {
            h.put("Mcp-Session-Id", session);
        }
        return h;
    }

    Reply post(String session, String body) throws IOException {
        return RawHttp.send(base, "POST", "/mcp/dep", headers(session), body);
    }

    String initialize(String version) throws IOException {
        Reply reply = post(null, INIT.formatted(version));
        assertEquals(200, reply.status(), reply::body);
        return reply.header("Mcp-Session-Id");
    }

    static void assertRpcError(Reply reply, int status, int code) throws IOException {
        assertEquals(status, reply.status(), reply::body);
        assertTrue(reply.header("Content-Type").startsWith("application/json"), reply::toString);
        JsonNode body = JSON.readTree(reply.body());
        assertEquals(code, body.path("error").path("code").asInt(), reply::body);
        assertTrue(body.has("id"), "a JSON-RPC error has an id member, null when unknown");
    }

    static String call(int id, String tool) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":{\"text\":\"hi\"}}}";
    }

    @Test
    void theMcpEndpointLeavesTheRestOfTheApiToTheApplication() throws IOException {
        Reply missing = RawHttp.send(base, "GET", "/api/no-such-thing", Map.of(), null);
        Reply noId = RawHttp.send(base, "POST", "/mcp/dep/extra", headers(null), "{}");

        assertEquals(404, missing.status());
        assertTrue(missing.body().contains("\"error\":\"not_found\""), missing.body());
        assertRpcError(noId, 404, -32000);
    }

    @Test
    void initializeAnswersJsonAndAVisibleAsciiSessionId() throws IOException {
        Reply reply = post(null, INIT.formatted("2025-11-25"));

        assertEquals(200, reply.status());
        assertTrue(reply.header("Content-Type").startsWith("application/json"));
        String session = reply.header("Mcp-Session-Id");
        assertNotNull(session);
        assertTrue(session.length() >= 16 && session.chars().allMatch(c -> c >= 0x21 && c <= 0x7E), session);
    }

    @Test
    void aNotificationGets202WithAnEmptyBody() throws IOException {
        String session = initialize("2025-11-25");

        Reply reply = post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

        assertEquals(202, reply.status());
        assertEquals("", reply.body());
    }

    @Test
    void aRequestGetsItsAnswerAsJson() throws IOException {
        String session = initialize("2025-11-25");

        Reply reply = post(session, call(3, "echo"));

        assertEquals(200, reply.status());
        assertEquals(3, JSON.readTree(reply.body()).path("id").asInt());
    }

    @Test
    void aWrongAcceptGets406() throws IOException {
        Map<String, String> h = headers(null);
        h.put("Accept", "application/json");

        assertRpcError(RawHttp.send(base, "POST", "/mcp/dep", h, INIT.formatted("2025-11-25")), 406, -32000);
    }

    @Test
    void aNonJsonContentTypeGets415() throws IOException {
        Map<String, String> h = headers(null);
        h.put("Content-Type", "text/plain");

        assertRpcError(RawHttp.send(base, "POST", "/mcp/dep", h, INIT.formatted("2025-11-25")), 415, -32000);
    }

    @Test
    void aBodyAboveTheLimitGets413() throws IOException {
        assertRpcError(post(null, "{\"pad\":\"" + "x".repeat(65 * 1024) + "\"}"), 413, -32000);
    }

    @Test
    void malformedJsonGets400WithMinus32700() throws IOException {
        assertRpcError(post(null, "{\"jsonrpc\":"), 400, -32700);
    }

    @Test
    void aMissingSessionIdGets400() throws IOException {
        assertRpcError(post(null, call(1, "echo")), 400, -32000);
    }

    @Test
    void anUnknownSessionIdGets404() throws IOException {
        assertRpcError(post("never-issued-session-id", call(1, "echo")), 404, -32001);
    }

    @Test
    void deleteEndsTheSessionWith204AndItsIdGets404Afterwards() throws IOException {
        String session = initialize("2025-11-25");

        Reply deleted = RawHttp.send(base, "DELETE", "/mcp/dep", headers(session), null);

        assertEquals(204, deleted.status());
        assertRpcError(post(session, call(1, "echo")), 404, -32001);
    }

    @Test
    void anUnsupportedProtocolVersionHeaderGets400() throws IOException {
        String session = initialize("2025-11-25");
        Map<String, String> h = headers(session);
        h.put("MCP-Protocol-Version", "2023-01-01");

        assertRpcError(RawHttp.send(base, "POST", "/mcp/dep", h, call(1, "echo")), 400, -32000);
    }

    @Test
    void batchesWorkOnlyIn2025_03_26Sessions() throws IOException {
        String batch = "[" + call(1, "echo") + "," + call(2, "echo") + "]";

        assertRpcError(post(initialize("2025-06-18"), batch), 400, -32600);

        Reply old = post(initialize("2025-03-26"), batch);
        assertEquals(200, old.status());
        assertEquals(2, JSON.readTree(old.body()).size());
    }

    @Test
    void aForeignOriginGets403() throws IOException {
        Map<String, String> h = headers(null);
        h.put("Origin", "https://evil.example.com");

        assertRpcError(RawHttp.send(base, "POST", "/mcp/dep", h, INIT.formatted("2025-11-25")), 403, -32000);
    }

    @Test
    void aForeignHostGets421() throws IOException {
        Map<String, String> h = headers(null);
        h.put("Host", "evil.example.com");

        assertRpcError(RawHttp.send(base, "POST", "/mcp/dep", h, INIT.formatted("2025-11-25")), 421, -32000);
    }

    @Test
    void otherMethodsGet405WithAllow() throws IOException {
        for (String method : List.of("PUT", "PATCH")) {
            Reply reply = RawHttp.send(base, method, "/mcp/dep", headers(null), "{}");
            assertRpcError(reply, 405, -32000);
            assertEquals("GET, POST, DELETE", reply.header("Allow"));
        }
        Reply head = RawHttp.send(base, "HEAD", "/mcp/dep", headers(null), null);
        assertEquals(405, head.status());
    }

    @Test
    void aMissingOrWrongTokenAndAnUnknownDeploymentGetTheSame401() throws IOException {
        Map<String, String> none = headers(null);
        none.remove("Authorization");
        Map<String, String> wrong = headers(null);
        wrong.put("Authorization", "Bearer nope");

        Reply[] replies = {
            RawHttp.send(base, "POST", "/mcp/dep", none, INIT.formatted("2025-11-25")),
            RawHttp.send(base, "POST", "/mcp/dep", wrong, INIT.formatted("2025-11-25")),
            RawHttp.send(base, "POST", "/mcp/other", headers(null), INIT.formatted("2025-11-25"))};

        for (Reply reply : replies) {
            assertRpcError(reply, 401, -32000);
            assertTrue(reply.header("WWW-Authenticate").startsWith("Bearer"));
            assertEquals(replies[0].body(), reply.body());
        }
    }

    @Test
    void aTokenShortOfTheScopeGets403WithTheInsufficientScopeChallengeOnEveryMethod() throws IOException {
        Map<String, String> scant = headers(null);
        scant.put("Authorization", "Bearer " + SCANT);

        for (String method : List.of("POST", "GET", "DELETE")) {
            Reply reply = RawHttp.send(base, method, "/mcp/dep", scant,
                    method.equals("POST") ? INIT.formatted("2025-11-25") : null);

            assertRpcError(reply, 403, -32000);
            assertEquals("Bearer realm=\"catwalk\", error=\"insufficient_scope\", resource_metadata=\"" + PRM
                    + "\", scope=\"mcp\"", reply.header("WWW-Authenticate"), method);
        }
        assertEquals(0, endpoints.summary().sessions(), "no session was made for a forbidden caller");
    }

    @Test
    void theTokenMayComeInTheQueryAndTheAliasPathServesTheSameEndpoint() throws IOException {
        Map<String, String> h = headers(null);
        h.remove("Authorization");

        Reply viaQuery = RawHttp.send(base, "POST", "/mcp/dep?token=" + TOKEN, h, INIT.formatted("2025-11-25"));
        assertEquals(200, viaQuery.status(), viaQuery::body);

        Reply viaAlias = RawHttp.send(base, "POST", "/api/mcp/dep", headers(viaQuery.header("Mcp-Session-Id")),
                call(1, "echo"));
        assertEquals(200, viaAlias.status(), viaAlias::body);
    }
}
