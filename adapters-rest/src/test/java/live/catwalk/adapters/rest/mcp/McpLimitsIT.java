package live.catwalk.adapters.rest.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.adapters.rest.RestServer;
import live.catwalk.core.mcp.domain.GatewayLimits;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.fakes.CountingSessionIds;
import live.catwalk.core.mcp.fakes.FakeStdioServers;
import live.catwalk.core.mcp.fakes.MutableClock;
import live.catwalk.core.mcp.port.out.McpAccess;
import live.catwalk.core.mcp.port.out.DeploymentStates;
import live.catwalk.core.mcp.usecase.ServeMcpService;
import live.catwalk.core.mcp.engine.McpEndpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway's caps as they reach the wire: status, Retry-After and the JSON-RPC error body. */
class McpLimitsIT {

    private static final String TOKEN = McpHttpRulesIT.TOKEN;

    private McpEndpoints endpoints;
    private RestServer server;
    private URI base;

    @BeforeEach
    void start() throws Exception {
        GatewaySettings d = GatewaySettings.defaults();
        GatewaySettings settings = new GatewaySettings(d.allowedHosts(), d.allowedOrigins(), d.maxBodyBytes(),
                Duration.ofMillis(100), d.idleTimeout(), d.maxSessions(), d.maxChildren(), d.requestTimeout(),
                Duration.ofSeconds(5), d.eventLogEvents(), d.eventLogBytes(), 500);
        GatewayLimits l = GatewayLimits.defaults();
        GatewayLimits limits = new GatewayLimits(2, 1, l.maxInFlightPerDeployment(), l.retainedBytes(),
                l.unreadTailBytes(), l.maxSessionsPerUser());
        endpoints = new McpEndpoints(new FakeStdioServers(), new CountingSessionIds(), new MutableClock(Instant.EPOCH),
                settings, limits, "1");
        endpoints.register("dep", new ServerCommand(List.of("fake"), Map.of()), SessionMode.SHARED);
        McpAccess access = McpAccess.bearer((deployment, token) -> token.equals(Optional.of(TOKEN)) ? Optional.of("u") : Optional.empty());
        server = RestServer.builder("127.0.0.1", 0)
                .mcpEndpoint(new ServeMcpService(settings, limits, access, DeploymentStates.NONE, endpoints),
                        Duration.ofSeconds(15))
                .build();
        base = server.start();
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ZERO);
        endpoints.close();
    }

    private RawHttp.Reply post(String session, String body) throws Exception {
        return RawHttp.send(base, "POST", "/mcp/dep", McpHttpRulesIT.headers(session), body);
    }

    private static String call(int id, String tool) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\"}}";
    }

    @Test
    void aBatchOverTheCapIs400AndARequestOverTheInFlightCapIs429WithRetryAfter() throws Exception {
        RawHttp.Reply init = post(null, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2025-03-26\",\"capabilities\":{},\"clientInfo\":{\"name\":\"s\",\"version\":\"1\"}}}");
        assertEquals(200, init.status(), init::body);
        String session = init.header("Mcp-Session-Id");

        RawHttp.Reply batch = post(session, "[" + call(1, "echo") + "," + call(2, "echo") + "," + call(3, "echo") + "]");
        assertEquals(400, batch.status(), batch::body);
        assertTrue(batch.body().contains("-32600") && batch.body().contains("CATWALK_MAX_BATCH"), batch::body);

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> slow = client.send(HttpRequest.newBuilder(base.resolve("mcp/dep"))
                .header("Authorization", "Bearer " + TOKEN).header("Mcp-Session-Id", session)
                .header("Accept", "application/json, text/event-stream").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(call(4, "slow"))).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, slow.statusCode());

        RawHttp.Reply refused = post(session, call(5, "echo"));
        assertEquals(429, refused.status(), refused::body);
        assertEquals("1", refused.header("Retry-After"));
        assertTrue(refused.body().contains("CATWALK_MAX_INFLIGHT_PER_SESSION"), refused::body);
        slow.body().close();
    }
}
