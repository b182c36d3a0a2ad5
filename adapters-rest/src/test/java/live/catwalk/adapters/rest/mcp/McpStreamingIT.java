package live.catwalk.adapters.rest.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import live.catwalk.adapters.rest.RestServer;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.fakes.CountingSessionIds;
import live.catwalk.core.mcp.fakes.FakeStdioServers;
import live.catwalk.core.mcp.fakes.MutableClock;
import live.catwalk.core.mcp.port.out.McpAccess;
import live.catwalk.core.mcp.domain.GatewayLimits;
import live.catwalk.core.mcp.port.out.DeploymentStates;
import live.catwalk.core.mcp.usecase.ServeMcpService;
import live.catwalk.core.mcp.engine.McpEndpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Event streams over real HTTP: written as events happen, kept alive, dropped and resumed. */
class McpStreamingIT {

    private static final String TOKEN = McpHttpRulesIT.TOKEN;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeStdioServers servers = new FakeStdioServers();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private McpEndpoints endpoints;
    private RestServer server;
    private URI base;

    private void start(Duration heartbeat) throws IOException {
        GatewaySettings d = GatewaySettings.defaults();
        GatewaySettings settings = new GatewaySettings(d.allowedHosts(), d.allowedOrigins(), d.maxBodyBytes(),
                Duration.ofMillis(200), d.idleTimeout(), d.maxSessions(), d.maxChildren(), d.requestTimeout(),
                Duration.ofSeconds(5), d.eventLogEvents(), d.eventLogBytes(), 500);
        endpoints = new McpEndpoints(servers, new CountingSessionIds(), new MutableClock(Instant.EPOCH), settings, "1");
        endpoints.register("dep", new ServerCommand(List.of("fake"), Map.of()), SessionMode.SHARED);
        McpAccess access = McpAccess.bearer((deployment, token) -> token.equals(Optional.of(TOKEN)) ? Optional.of("u") : Optional.empty());
        server = RestServer.builder("127.0.0.1", 0)
                .mcpEndpoint(new ServeMcpService(settings, GatewayLimits.defaults(), access, DeploymentStates.NONE,
                        endpoints), heartbeat)
                .build();
        base = server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ZERO);
            endpoints.close();
        }
    }

    private String initialize() throws IOException {
        RawHttp.Reply reply = RawHttp.send(base, "POST", "/mcp/dep", McpHttpRulesIT.headers(null),
                "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"s\",\"version\":\"1\"}}}");
        assertEquals(200, reply.status(), reply::body);
        return reply.header("Mcp-Session-Id");
    }

    /** Opens a stream and returns a reader of its lines; the body is read as it arrives. */
    private BufferedReader open(HttpRequest request) throws Exception {
        HttpResponse<InputStream> response = client.send(request, BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.headers().firstValue("Content-Length").isEmpty(), "an event stream has no length");
        return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String session) {
        return HttpRequest.newBuilder(base.resolve("mcp/dep")).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + TOKEN).header("Mcp-Session-Id", session)
                .header("Accept", "application/json, text/event-stream");
    }

    private HttpRequest slowCall(String session) {
        return request(session).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"slow\",\"_meta\":{\"progressToken\":\"p\"}}}")).build();
    }

    /** The next event's fields (id, retry, data), waiting at most 5 s. */
    private static Map<String, String> nextEvent(BufferedReader lines) throws Exception {
        CompletableFuture<Map<String, String>> event = CompletableFuture.supplyAsync(() -> {
            try {
                var fields = new LinkedHashMap<String, String>();
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.isEmpty() && !fields.isEmpty()) {
                        return fields;
                    }
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
                    }
                }
                return fields;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return event.get(5, TimeUnit.SECONDS);
    }

    @Test
    void eventsReachTheClientWhileTheCallIsStillRunning() throws Exception {
        start(Duration.ofSeconds(30));
        BufferedReader stream = open(slowCall(initialize()));

        Map<String, String> priming = nextEvent(stream);
        assertEquals("", priming.get("data"));
        assertEquals("500", priming.get("retry"));

        ObjectNode call = servers.last().nextReceived("tools/call");
        servers.last().server().send(JsonRpc.notification("notifications/progress", JsonRpc.object().put("progress", 1)
                .set("progressToken", call.path("params").path("_meta").get("progressToken"))));
        JsonNode progress = JSON.readTree(nextEvent(stream).get("data"));
        assertEquals("p", progress.path("params").path("progressToken").asText());

        servers.last().server().releaseSlow();
        assertEquals(9, JSON.readTree(nextEvent(stream).get("data")).path("id").asInt());
    }

    @Test
    void anIdleStreamGetsHeartbeatComments() throws Exception {
        start(Duration.ofMillis(150));
        HttpResponse<InputStream> response = client.send(request(initialize()).GET().build(),
                BodyHandlers.ofInputStream());
        BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));

        String comment = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith(":")) {
                        return line;
                    }
                }
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).get(5, TimeUnit.SECONDS);
        assertEquals(": keep-alive", comment);
    }

    /** The status of a request, without waiting for a stream's body to end. */
    private int statusOf(HttpRequest request) throws Exception {
        HttpResponse<InputStream> response = client.send(request, BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }

    /** Opens the standalone stream on a raw socket, reads its priming event's id, and drops the connection. */
    private String openAndDropStandalone(String session) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /mcp/dep HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nAccept: text/event-stream\r\nMcp-Session-Id: " + session + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertTrue(in.readLine().startsWith("HTTP/1.1 200"));
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("id: ")) {
                    return line.substring(4);
                }
            }
            throw new AssertionError("no priming event");
        }
    }

    @Test
    void aClientThatDroppedItsGetStreamTakesItOverAtOnceWithLastEventId() throws Exception {
        start(Duration.ofSeconds(60));
        String session = initialize();
        String primingId = openAndDropStandalone(session);

        int plain = statusOf(request(session).GET().build());
        HttpResponse<InputStream> resumed = client.send(request(session).header("Last-Event-ID", primingId).GET().build(),
                BodyHandlers.ofInputStream());

        assertEquals(409, plain, "within the heartbeat interval the old reader still counts");
        assertEquals(200, resumed.statusCode());
        resumed.body().close();
    }

    @Test
    void aVanishedReaderIsDetachedByTheNextHeartbeats() throws Exception {
        start(Duration.ofMillis(100));
        String session = initialize();
        openAndDropStandalone(session);

        int status = 0;
        for (int attempt = 0; attempt < 40 && status != 200; attempt++) {
            Thread.sleep(50);
            status = statusOf(request(session).GET().build());
        }
        assertEquals(200, status, "the dropped reader was still attached 2 s later");
    }

    @Test
    void aDroppedStreamIsResumedByGetWithLastEventId() throws Exception {
        start(Duration.ofSeconds(30));
        String session = initialize();
        HttpResponse<InputStream> first = client.send(slowCall(session), BodyHandlers.ofInputStream());
        BufferedReader lines = new BufferedReader(new InputStreamReader(first.body(), StandardCharsets.UTF_8));
        String primingId = nextEvent(lines).get("id");
        first.body().close();

        servers.last().server().releaseSlow();
        BufferedReader resumed = open(request(session).header("Last-Event-ID", primingId).GET().build());

        assertEquals(9, JSON.readTree(nextEvent(resumed).get("data")).path("id").asInt());
    }
}
