package live.catwalk.adapters.rest.metrics;

import static live.catwalk.adapters.rest.metrics.PrometheusTelemetryTest.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import live.catwalk.adapters.rest.MetricsServer;
import live.catwalk.adapters.rest.RateLimits;
import live.catwalk.adapters.rest.RestServer;
import live.catwalk.adapters.rest.TrustedProxies;
import live.catwalk.adapters.rest.mcp.McpActivity;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.Role;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.account.port.in.Authenticate;
import live.catwalk.core.mcp.domain.GatewayLimits;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.mcp.engine.McpEndpoints;
import live.catwalk.core.mcp.fakes.CountingSessionIds;
import live.catwalk.core.mcp.fakes.FakeStdioServers;
import live.catwalk.core.mcp.fakes.MutableClock;
import live.catwalk.core.mcp.port.out.DeploymentStates;
import live.catwalk.core.mcp.port.out.McpAccess;
import live.catwalk.core.mcp.usecase.ServeMcpService;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.shared.domain.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} over HTTP: admin-only on the main listener (401 without a token, 403 for a user, the text for an
 * admin, which counts the MCP requests just made through the same server), and open on its own listener, which
 * answers only to its allowed hosts and serves nothing else.
 */
class MetricsEndpointIT {

    private static final String MCP_TOKEN = "a-token-of-some-length";
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Authenticate TOKENS = token -> switch (token) {
        case "cwk_admin" -> Optional.of(new Principal(new UserId(UUID.randomUUID()), Role.ADMIN, new TokenId(UUID.randomUUID())));
        case "cwk_user" -> Optional.of(new Principal(new UserId(UUID.randomUUID()), Role.USER, new TokenId(UUID.randomUUID())));
        default -> Optional.empty();
    };

    private final PrometheusTelemetry metrics = PrometheusTelemetry.create();
    private final McpEndpoints endpoints = new McpEndpoints(new FakeStdioServers(), new CountingSessionIds(),
            new MutableClock(Instant.EPOCH), GatewaySettings.defaults(), "1");
    private RestServer server;
    private MetricsServer separate;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ZERO);
        }
        if (separate != null) {
            separate.close();
        }
        endpoints.close();
    }

    private URI startMain() throws Exception {
        return startMain(RateLimits.none());
    }

    private URI startMain(RateLimits limits) throws Exception {
        endpoints.register("dep", new ServerCommand(List.of("fake"), Map.of()), SessionMode.SHARED);
        McpAccess access = McpAccess.bearer((deployment, token) -> token.equals(Optional.of(MCP_TOKEN))
                ? Optional.of("user") : Optional.empty());
        McpActivity activity = new McpActivity();
        metrics.watch(new Gauges(() -> endpoints.summary().sessions(), activity::streams, () -> 0, Map::of,
                () -> new Gauges.Pool(0, 0, 0, 1)));
        server = RestServer.builder("127.0.0.1", 0)
                .mcpEndpoint(new ServeMcpService(GatewaySettings.defaults(), GatewayLimits.defaults(), access,
                        DeploymentStates.NONE, endpoints, metrics), Duration.ofSeconds(1), activity)
                .metrics(metrics, TOKENS)
                .rateLimits(limits, java.time.Clock.systemUTC())
                .build();
        return server.start();
    }

    private static HttpResponse<String> get(URI uri, String token, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status line of a GET of {@code uri} naming {@code host} (the JDK client will not send another Host). */
    private static String statusLine(URI uri, String host) throws Exception {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    private static HttpResponse<String> initialize(URI base, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve("/mcp/dep"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, text/event-stream").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(INIT)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void onTheMainListenerOnlyAnAdminReadsTheMetricsAndTheyCountTheRequestsServed() throws Exception {
        URI base = startMain();
        URI uri = base.resolve("/metrics");

        HttpResponse<String> anonymous = get(uri, null, Map.of());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertEquals("Bearer realm=\"catwalk\"", anonymous.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertTrue(anonymous.body().contains("\"error\":\"unauthorized\""), anonymous.body());
        assertEquals(401, get(uri, "cwk_wrong", Map.of()).statusCode());
        assertEquals(403, get(uri, "cwk_user", Map.of()).statusCode(), "a user who is no admin");

        HttpResponse<String> before = get(uri, "cwk_admin", Map.of());
        assertEquals(200, before.statusCode(), before.body());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", before.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(0, sample(before.body(), "catwalk_mcp_sessions"));
        assertTrue(!before.body().contains("method=\"initialize\""), "no initialize served yet");

        assertEquals(200, initialize(base, MCP_TOKEN).statusCode());
        String session = initialize(base, MCP_TOKEN).headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertEquals(401, initialize(base, "wrong").statusCode());
        HttpResponse<InputStream> stream = HTTP.send(HttpRequest.newBuilder(base.resolve("/mcp/dep"))
                .header("Authorization", "Bearer " + MCP_TOKEN).header("Accept", "text/event-stream")
                .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());

        String after = get(uri, "cwk_admin", Map.of()).body();
        stream.body().close();
        assertEquals(1, sample(after, "catwalk_mcp_streams"), "the open GET stream");
        assertEquals(2, sample(after, "catwalk_mcp_requests_seconds_count{era=\"2025\",method=\"initialize\",outcome=\"ok\"}"));
        assertEquals(1, sample(after, "catwalk_mcp_requests_seconds_count{era=\"unknown\",method=\"unread\","
                + "outcome=\"unauthorized\"}"));
        assertEquals(2, sample(after, "catwalk_mcp_sessions"));
        assertTrue(!after.contains("\"dep\"") && !after.contains(MCP_TOKEN), "no deployment id or token in any label");
    }

    @Test
    void requestsRefusedByARateLimitAreCountedByTheLimitsCode() throws Exception {
        URI base = startMain(new RateLimits(Optional.of(new live.catwalk.core.shared.limit.RateLimit(1,
                Duration.ofMinutes(1))), Optional.empty(), Optional.empty(), Optional.empty(), TrustedProxies.none()));

        assertEquals(401, initialize(base, "wrong").statusCode());
        assertEquals(429, initialize(base, "wrong-again").statusCode(), "one failure a minute from this address");

        String after = get(base.resolve("/metrics"), "cwk_admin", Map.of()).body();
        assertEquals(1, sample(after, "catwalk_rate_limited_total{where=\"authentication_rate_limited\"}"), after);
    }

    @Test
    void onTheMainListenerOnlyGetAndHeadOfExactlyMetricsAreServed() throws Exception {
        URI base = startMain();

        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(base.resolve("/metrics"))
                .header("Authorization", "Bearer cwk_admin").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals(404, get(base.resolve("/metrics/more"), "cwk_admin", Map.of()).statusCode());
    }

    @Test
    void onItsOwnListenerTheMetricsNeedNoTokenButTheHostMustBeAllowed() throws Exception {
        separate = MetricsServer.create("127.0.0.1", 0, metrics, Set.of("metrics.internal"));
        URI uri = separate.start();

        HttpResponse<String> open = get(uri, null, Map.of());
        assertEquals(200, open.statusCode(), open.body());
        assertEquals(0, sample(open.body(), "catwalk_server_restarts_total"));
        assertEquals("nosniff", open.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertTrue(statusLine(uri, "metrics.internal:9464").startsWith("HTTP/1.1 200"));
        assertTrue(statusLine(uri, "evil.example").startsWith("HTTP/1.1 421"), "DNS rebinding");
        assertEquals(404, get(uri.resolve("/api/health"), null, Map.of()).statusCode(), "nothing else is served");
    }
}
