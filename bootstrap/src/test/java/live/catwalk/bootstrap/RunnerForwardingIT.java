package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import live.catwalk.adapters.fly.RunnerForwarder;
import live.catwalk.bootstrap.testing.TestTools;
import live.catwalk.core.mcp.domain.http.Headers;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.SseFrame;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.port.out.McpUpstream;
import org.junit.jupiter.api.Test;

/**
 * The gateway's half and the machine's half of the Fly data plane together, on this host: the gateway's
 * {@link RunnerForwarder} in front of a real {@code catwalk runner} process serving server-everything. The two
 * agree on the runner protocol (the secret, the principal, the MCP headers), a tool call goes through and back,
 * and a long operation's progress comes back as an event stream while the tool is still running.
 */
class RunnerForwardingIT {

    private static final String SECRET = "ForwardedSecret0123456789abcdefghijklmnopqrstuv";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aToolCallGoesFromTheForwarderThroughTheRunnerToTheServerAndItsProgressStreamsBack() throws Exception {
        TestTools tools = TestTools.get();
        String spec = "{\"deployment\":\"dep-f\",\"argv\":" + JSON.writeValueAsString(List.of(tools.node().toString(),
                tools.serverEverything().toString(), "stdio")) + ",\"env\":{},\"sessionMode\":\"shared\"}";
        try (CatwalkProcess runner = CatwalkProcess.start(Map.of("CATWALK_RUNNER_SPEC", Base64.getUrlEncoder()
                .withoutPadding().encodeToString(spec.getBytes(StandardCharsets.UTF_8)),
                "CATWALK_RUNNER_SECRET", SECRET, "CATWALK_RUNNER_BIND", "127.0.0.1:0"), "runner")) {
            URI base = runner.awaitServing(Duration.ofSeconds(60));
            List<String> unreachable = new CopyOnWriteArrayList<>();
            RunnerForwarder forwarder = new RunnerForwarder("dep-f", HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER).build(),
                    id -> Optional.of(new RunnerForwarder.Runner(base, SECRET)), Duration.ofSeconds(60),
                    unreachable::add);

            McpHttpResponse initialized = forwarder.exchange(post(null, "{\"jsonrpc\":\"2.0\",\"id\":0,"
                    + "\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"forwarded\",\"version\":\"1\"}}}"));
            assertEquals(200, initialized.status());
            String session = initialized.headers().get("Mcp-Session-Id");
            assertTrue(session != null && !session.isBlank(), "the runner's session id comes back: " + initialized);
            assertEquals(202, forwarder.exchange(post(session,
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")).status());

            List<JsonNode> echoed = messages(forwarder.exchange(post(session, "{\"jsonrpc\":\"2.0\",\"id\":1,"
                    + "\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"via the runner\"}}}")));
            assertTrue(echoed.getLast().toString().contains("via the runner"), echoed.toString());

            List<JsonNode> progress = messages(forwarder.exchange(post(session, "{\"jsonrpc\":\"2.0\",\"id\":2,"
                    + "\"method\":\"tools/call\",\"params\":{\"name\":\"trigger-long-running-operation\","
                    + "\"arguments\":{\"duration\":2,\"steps\":4},\"_meta\":{\"progressToken\":\"p-1\"}}}")));
            long notices = progress.stream().filter(m -> "notifications/progress".equals(m.path("method").asText()))
                    .count();
            assertTrue(notices >= 2, "progress is streamed: " + progress);
            assertEquals(2, progress.getLast().path("id").asInt(), "then the answer: " + progress);
            assertTrue(unreachable.isEmpty(), unreachable.toString());
        }
    }

    private static McpUpstream.Exchange post(String session, String body) {
        JsonNode json = JsonRpc.parse(body);
        Map<String, String> headers = new java.util.HashMap<>(Map.of("Content-Type", "application/json",
                "Accept", "application/json, text/event-stream"));
        if (session != null) {
            headers.put("Mcp-Session-Id", session);
            headers.put("MCP-Protocol-Version", "2025-11-25");
        }
        return new McpUpstream.Exchange("dep-f", "POST", "user:forwarded", Headers.single(headers),
                Optional.of(new McpUpstream.Posted(body.getBytes(StandardCharsets.UTF_8), json, List.of())));
    }

    /** The JSON-RPC messages of an answer: its JSON body, or every event of its stream until the stream ends. */
    private static List<JsonNode> messages(McpHttpResponse response) throws Exception {
        if (response instanceof McpHttpResponse.Json json) {
            assertEquals(200, json.status(), new String(json.body(), StandardCharsets.UTF_8));
            return List.of(JSON.readTree(json.body()));
        }
        McpHttpResponse.Stream stream = assertInstanceOf(McpHttpResponse.Stream.class, response);
        List<JsonNode> out = new ArrayList<>();
        try (var source = stream.source()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                SseFrame frame = source.poll(Duration.ofSeconds(1));
                if (frame == SseFrame.END) {
                    break;
                }
                if (frame instanceof SseFrame.Event event && !event.data().isEmpty()) {
                    out.add(JSON.readTree(event.data()));
                }
            }
        }
        return out;
    }
}
