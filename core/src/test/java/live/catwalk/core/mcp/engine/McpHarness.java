package live.catwalk.core.mcp.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import live.catwalk.core.mcp.domain.GatewayLimits;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.domain.http.Headers;
import live.catwalk.core.mcp.domain.http.McpHttpRequest;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.SseFrame;
import live.catwalk.core.mcp.domain.http.SseSource;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.fakes.CountingSessionIds;
import live.catwalk.core.mcp.fakes.FakeStdioServers;
import live.catwalk.core.mcp.fakes.MutableClock;
import live.catwalk.core.mcp.port.in.ServeMcp;
import live.catwalk.core.mcp.port.out.DeploymentStates;
import live.catwalk.core.mcp.port.out.McpAccess;
import live.catwalk.core.mcp.usecase.MaintainMcpSessionsService;
import live.catwalk.core.mcp.usecase.ServeMcpService;

/** The MCP use cases wired to fakes, with helpers that speak the transport like a client. */
final class McpHarness implements AutoCloseable {

    static final String DEPLOYMENT = "dep";
    static final String TOKEN = "alice-token";
    static final McpAccess ACCESS = McpAccess.bearer((deployment, token) -> !deployment.equals(DEPLOYMENT)
            ? Optional.empty()
            : token.map(t -> switch (t) {
                case TOKEN -> "alice";
                case "bob-token" -> "bob";
                default -> null;
            }));

    final FakeStdioServers servers;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    final McpEndpoints endpoints;
    final ServeMcp serve;
    final MaintainMcpSessionsService maintain;

    McpHarness(SessionMode mode) {
        this(mode, fastSettings(), new FakeStdioServers());
    }

    McpHarness(SessionMode mode, GatewaySettings settings, FakeStdioServers servers) {
        this(mode, settings, GatewayLimits.defaults(), servers);
    }

    McpHarness(SessionMode mode, GatewaySettings settings, GatewayLimits limits, FakeStdioServers servers) {
        this.servers = servers;
        this.endpoints = new McpEndpoints(servers, new CountingSessionIds(), clock, settings, limits, "9.9.9");
        endpoints.register(DEPLOYMENT, new ServerCommand(List.of("fake-server"), Map.of("API_KEY", "k")), mode);
        this.serve = serving(endpoints, ACCESS, DeploymentStates.NONE);
        this.maintain = new MaintainMcpSessionsService(endpoints);
    }

    /** The one MCP in-port over these endpoints, with the endpoints' own settings and limits. */
    static ServeMcp serving(McpEndpoints endpoints, McpAccess access, DeploymentStates states) {
        return new ServeMcpService(endpoints.settings(), endpoints.limits(), access, states, endpoints);
    }

    /** Defaults, but a short JSON window so tests that go to SSE do not wait a second. */
    static GatewaySettings fastSettings() {
        GatewaySettings d = GatewaySettings.defaults();
        return new GatewaySettings(d.allowedHosts(), d.allowedOrigins(), 64 * 1024, Duration.ofMillis(300),
                d.idleTimeout(), d.maxSessions(), d.maxChildren(), d.requestTimeout(), Duration.ofSeconds(5),
                d.eventLogEvents(), d.eventLogBytes(), d.retryMillis());
    }

    static Map<String, String> clientHeaders(String session) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "127.0.0.1:8080");
        h.put("Accept", "application/json, text/event-stream");
        h.put("Content-Type", "application/json");
        if (session != null) {
            h.put("Mcp-Session-Id", session);
        }
        return h;
    }

    McpHttpResponse postWith(Map<String, String> headers, String body) {
        return serve.serve(request("POST", headers, body, TOKEN));
    }

    McpHttpResponse post(String session, String body) {
        return postWith(clientHeaders(session), body);
    }

    static McpHttpRequest request(String method, Map<String, String> headers, String body, String token) {
        return new McpHttpRequest(DEPLOYMENT, method, Headers.single(headers),
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), Optional.ofNullable(token));
    }

    /** Runs initialize for {@code version} and returns the new session id. */
    String initialize(String version) {
        return initialize(version, "{\"sampling\":{}}");
    }

    String initialize(String version, String capabilities) {
        McpHttpResponse response = post(null, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"" + version + "\",\"capabilities\":" + capabilities
                + ",\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
        assertEquals(200, response.status(), () -> body(response));
        String session = response.headers().get("Mcp-Session-Id");
        assertEquals(202, post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").status());
        return session;
    }

    static String call(Object id, String tool, String extraParams) {
        String idJson = id instanceof String s ? "\"" + s + "\"" : String.valueOf(id);
        return "{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":{\"text\":\"hi\"}" + (extraParams.isEmpty() ? "" : "," + extraParams) + "}}";
    }

    static String body(McpHttpResponse response) {
        return response instanceof McpHttpResponse.Json json ? new String(json.body(), StandardCharsets.UTF_8)
                : response.toString();
    }

    static JsonNode json(McpHttpResponse response) {
        return JsonRpc.parse(assertInstanceOf(McpHttpResponse.Json.class, response, () -> response.toString()).body());
    }

    /** Reads events until the stream ends (or 5 s pass); priming events are included, with data "". */
    static List<SseFrame.Event> readAll(SseSource source) throws InterruptedException {
        List<SseFrame.Event> events = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            SseFrame frame = source.poll(Duration.ofMillis(100));
            if (frame instanceof SseFrame.End) {
                return events;
            }
            if (frame instanceof SseFrame.Event e) {
                events.add(e);
            }
        }
        throw new AssertionError("the stream did not end within 5 s; got " + events);
    }

    /** Reads the next event that is not a priming event, waiting up to 5 s. */
    static SseFrame.Event nextMessage(SseSource source) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            SseFrame frame = source.poll(Duration.ofMillis(100));
            if (frame instanceof SseFrame.End) {
                throw new AssertionError("the stream ended");
            }
            if (frame instanceof SseFrame.Event e && !e.data().isEmpty()) {
                return e;
            }
        }
        throw new AssertionError("no event within 5 s");
    }

    /** Waits up to 5 s for {@code condition}, then fails with {@code what}. */
    static void eventually(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 5 s: " + what.get());
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        endpoints.close();
    }
}
