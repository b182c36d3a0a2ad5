package live.catwalk.adapters.fly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import live.catwalk.core.mcp.domain.http.Headers;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.SseFrame;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpcMessage;
import live.catwalk.core.mcp.port.out.McpUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The forwarder against a real HTTP server standing in for a runner: what it sends (the runner's secret and the
 * caller's principal, the MCP headers, the body as received, never the client's credential), a JSON answer passed
 * back, an event stream relayed frame by frame while the runner is still writing it, and a runner that is down,
 * slow or refusing answered with a JSON-RPC error and reported.
 */
class RunnerForwarderIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "r".repeat(40);
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1).build();

    private HttpServer runner;
    private final List<String> unreachable = new CopyOnWriteArrayList<>();
    private final AtomicReference<HttpExchange> seen = new AtomicReference<>();
    private final AtomicReference<byte[]> seenBody = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        runner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        runner.start();
    }

    @AfterEach
    void stop() {
        runner.stop(0);
    }

    private RunnerForwarder forwarder(URI base, Duration timeout) {
        return new RunnerForwarder("dep-1", HTTP, id -> Optional.of(new RunnerForwarder.Runner(base, SECRET)),
                timeout, unreachable::add);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + runner.getAddress().getPort() + "/");
    }

    private static McpUpstream.Exchange post(String body, Map<String, String> headers) throws IOException {
        JsonNode json = JSON.readTree(body);
        return new McpUpstream.Exchange("dep-1", "POST", "user:ada", Headers.single(headers),
                Optional.of(new McpUpstream.Posted(body.getBytes(StandardCharsets.UTF_8), json,
                        List.of(JsonRpcMessage.of(json)))));
    }

    private void answer(String path, int status, String type, String body) {
        runner.createContext(path, exchange -> {
            seen.set(exchange);
            seenBody.set(exchange.getRequestBody().readAllBytes());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.getResponseHeaders().add("Mcp-Session-Id", "s-1");
            exchange.getResponseHeaders().add("Set-Cookie", "runner=private");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    @Test
    void anExchangeGoesOnWithTheRunnersSecretAndTheCallersPrincipalAndItsAnswerComesBack() throws Exception {
        answer("/mcp/dep-1", 200, "application/json", "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}");
        String body = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}";
        McpHttpResponse response = forwarder(base(), Duration.ofSeconds(5)).exchange(post(body, Map.of(
                "Content-Type", "application/json", "Accept", "application/json, text/event-stream",
                "Mcp-Session-Id", "s-1", "MCP-Protocol-Version", "2025-11-25", "Cookie", "catwalk_session=cws_x",
                "X-Forwarded-For", "10.0.0.1")));
        McpHttpResponse.Json json = assertInstanceOf(McpHttpResponse.Json.class, response);
        assertEquals(200, json.status());
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}", new String(json.body(), StandardCharsets.UTF_8));
        assertEquals(Map.of("Mcp-Session-Id", "s-1"), json.headers(), "only MCP headers come back");
        var sent = seen.get().getRequestHeaders();
        assertEquals("Bearer " + SECRET, sent.getFirst("Authorization"));
        assertEquals("user:ada", sent.getFirst(RunnerForwarder.PRINCIPAL_HEADER));
        assertEquals("s-1", sent.getFirst("Mcp-Session-Id"));
        assertEquals("2025-11-25", sent.getFirst("MCP-Protocol-Version"));
        assertNull(sent.getFirst("Cookie"), "the client's cookies stay at the gateway");
        assertNull(sent.getFirst("X-Forwarded-For"));
        assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), seenBody.get());
        assertTrue(unreachable.isEmpty());
    }

    @Test
    void anEventStreamIsRelayedFrameByFrameWhileTheRunnerIsStillWritingIt() throws Exception {
        CountDownLatch firstRead = new CountDownLatch(1);
        runner.createContext("/mcp/dep-1", exchange -> {
            seen.set(exchange);
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(("id: e1\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                firstRead.await(10, TimeUnit.SECONDS);
                out.write((": heartbeat\n\nid: e2\nretry: 1000\ndata: {\"jsonrpc\":\"2.0\",\ndata: \"id\":1,\"result\":{}}\n\n")
                        .getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        McpHttpResponse response = forwarder(base(), Duration.ofSeconds(5)).exchange(new McpUpstream.Exchange(
                "dep-1", "GET", "user:ada", Headers.single(Map.of("Accept", "text/event-stream",
                "Last-Event-ID", "e0")), Optional.empty()));
        McpHttpResponse.Stream stream = assertInstanceOf(McpHttpResponse.Stream.class, response);
        SseFrame.Event first = assertInstanceOf(SseFrame.Event.class, stream.source().poll(Duration.ofSeconds(5)));
        assertEquals("e1", first.id(), "the first event arrives before the runner has written the second");
        assertEquals("e0", seen.get().getRequestHeaders().getFirst("Last-Event-ID"));
        firstRead.countDown();
        SseFrame.Event second = assertInstanceOf(SseFrame.Event.class, stream.source().poll(Duration.ofSeconds(5)));
        assertEquals("e2", second.id());
        assertEquals(1000, second.retryMillis().orElseThrow());
        assertEquals(1, JSON.readTree(second.data()).path("id").asInt(), "data lines joined into one message");
        assertEquals(SseFrame.END, stream.source().poll(Duration.ofSeconds(5)));
        assertEquals(SseFrame.END, stream.source().poll(Duration.ofMillis(10)), "and END again");
        stream.source().close();
    }

    @Test
    void aRunnerThatIsDownSlowOrRefusingGetsTheClientAJsonRpcErrorAndIsReported() throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":\"q\",\"method\":\"tools/call\"}";
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        McpHttpResponse down = forwarder(URI.create("http://127.0.0.1:" + closedPort + "/"), Duration.ofSeconds(5))
                .exchange(post(body, Map.of("Content-Type", "application/json")));
        McpHttpResponse.Json error = assertInstanceOf(McpHttpResponse.Json.class, down);
        assertEquals(502, error.status());
        JsonNode rpc = JSON.readTree(error.body());
        assertEquals("q", rpc.path("id").asText(), "the error answers the request");
        assertTrue(rpc.path("error").path("message").asText().contains("cannot be reached"), rpc.toString());
        assertEquals(List.of("dep-1"), unreachable);

        runner.createContext("/mcp/dep-1", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        McpHttpResponse slow = forwarder(base(), Duration.ofMillis(300))
                .exchange(post(body, Map.of("Content-Type", "application/json")));
        assertEquals(504, slow.status());
        runner.removeContext("/mcp/dep-1");

        answer("/mcp/dep-1", 401, "application/json", "{\"code\":\"unauthorized\"}");
        McpHttpResponse refused = forwarder(base(), Duration.ofSeconds(5))
                .exchange(post(body, Map.of("Content-Type", "application/json")));
        assertEquals(502, refused.status(), "the runner's 401 is Catwalk's problem, not the client's");
        assertFalse(new String(((McpHttpResponse.Json) refused).body(), StandardCharsets.UTF_8).contains(SECRET));
        assertEquals(3, unreachable.size());

        McpHttpResponse none = new RunnerForwarder("dep-1", HTTP, id -> Optional.empty(), Duration.ofSeconds(1),
                unreachable::add).exchange(post(body, Map.of("Content-Type", "application/json")));
        assertEquals(503, none.status());
        assertEquals("5", none.headers().get("Retry-After"));
    }
}
