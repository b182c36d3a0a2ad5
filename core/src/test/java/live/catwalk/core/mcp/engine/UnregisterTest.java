package live.catwalk.core.mcp.engine;

import static live.catwalk.core.mcp.engine.McpHarness.TOKEN;
import static live.catwalk.core.mcp.engine.McpHarness.call;
import static live.catwalk.core.mcp.engine.McpHarness.clientHeaders;
import static live.catwalk.core.mcp.engine.McpHarness.json;
import static live.catwalk.core.mcp.engine.McpHarness.nextMessage;
import static live.catwalk.core.mcp.engine.McpHarness.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.domain.http.Headers;
import live.catwalk.core.mcp.domain.http.McpHttpRequest;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.SseSource;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.fakes.FakeChannel;
import org.junit.jupiter.api.Test;

/** Taking a deployment's endpoint away, and registering it again. */
class UnregisterTest {

    private static JsonNode answerOf(McpHttpResponse response) throws InterruptedException {
        return response instanceof McpHttpResponse.Stream s ? JsonRpc.parse(nextMessage(s.source()).data()) : json(response);
    }

    @Test
    void unregisterAnswersRequestsInFlightEndsStreamsAndStopsTheServer() throws Exception {
        try (McpHarness mcp = new McpHarness(SessionMode.SHARED)) {
            String session = mcp.initialize("2025-11-25");
            SseSource standalone = assertInstanceOf(McpHttpResponse.Stream.class,
                    mcp.serve.serve(McpHarness.request("GET", clientHeaders(session), null, TOKEN))).source();
            CompletableFuture<McpHttpResponse> slow = CompletableFuture.supplyAsync(() -> mcp.post(session, call(7, "slow", "")));
            mcp.servers.last().nextReceived("tools/call");

            mcp.endpoints.unregister(McpHarness.DEPLOYMENT);

            JsonNode answer = answerOf(slow.get(5, TimeUnit.SECONDS));
            assertEquals(7, answer.path("id").asInt());
            assertEquals(JsonRpc.SERVER_UNAVAILABLE, answer.path("error").path("code").asInt(), answer::toString);
            readAll(standalone); // fails unless the stream ends
            assertTrue(mcp.servers.last().isClosed());
        }
    }

    @Test
    void afterUnregisterRequestsAreAnsweredAsForAnUnknownDeployment() {
        try (McpHarness mcp = new McpHarness(SessionMode.SHARED)) {
            String session = mcp.initialize("2025-11-25");

            mcp.endpoints.unregister(McpHarness.DEPLOYMENT);

            McpHttpResponse unknown = mcp.serve.serve(new McpHttpRequest("no-such-deployment", "POST",
                    Headers.single(clientHeaders(session)), call(1, "echo", "").getBytes(StandardCharsets.UTF_8),
                    Optional.of(TOKEN)));
            for (McpHttpResponse after : List.of(mcp.post(session, call(1, "echo", "")), mcp.post(null, initialize()))) {
                McpHttpResponse.Json a = assertInstanceOf(McpHttpResponse.Json.class, after);
                McpHttpResponse.Json u = assertInstanceOf(McpHttpResponse.Json.class, unknown);
                assertEquals(u.status(), a.status());
                assertEquals(u.headers(), a.headers());
                assertArrayEquals(u.body(), a.body());
            }
            assertEquals(new RuntimeState.Absent(), mcp.endpoints.state(McpHarness.DEPLOYMENT));
            assertEquals(Map.of(), mcp.endpoints.status());
        }
    }

    @Test
    void unregisterIsIdempotentAndIgnoresUnknownDeployments() {
        try (McpHarness mcp = new McpHarness(SessionMode.SHARED)) {
            mcp.endpoints.unregister(McpHarness.DEPLOYMENT);
            mcp.endpoints.unregister(McpHarness.DEPLOYMENT);
            mcp.endpoints.unregister("never-registered");

            assertEquals(1, mcp.servers.started().size());
            assertTrue(mcp.servers.last().isClosed());
        }
    }

    @Test
    void unregisterStopsEveryIsolatedServer() {
        try (McpHarness mcp = new McpHarness(SessionMode.ISOLATED)) {
            mcp.initialize("2025-11-25");
            mcp.initialize("2025-06-18");

            mcp.endpoints.unregister(McpHarness.DEPLOYMENT);

            assertEquals(2, mcp.servers.started().size());
            assertTrue(mcp.servers.started().stream().allMatch(FakeChannel::isClosed));
        }
    }

    @Test
    void registeringAgainReplacesTheServerAndEndsTheOldSessions() throws Exception {
        try (McpHarness mcp = new McpHarness(SessionMode.SHARED)) {
            String old = mcp.initialize("2025-11-25");
            FakeChannel first = mcp.servers.last();

            Optional<String> problem = mcp.endpoints.register(McpHarness.DEPLOYMENT,
                    new ServerCommand(List.of("fake-server", "--v2"), Map.of()), SessionMode.SHARED);

            assertEquals(Optional.empty(), problem);
            assertTrue(first.isClosed());
            assertEquals(List.of("fake-server", "--v2"), mcp.servers.last().command.argv());
            assertEquals(404, mcp.post(old, call(1, "echo", "")).status());
            String fresh = mcp.initialize("2025-11-25");
            assertEquals("hi", json(mcp.post(fresh, call(1, "echo", ""))).path("result").path("content").get(0)
                    .path("text").asText());
            assertFalse(mcp.servers.last().isClosed());
        }
    }

    private static String initialize() {
        return "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    }
}
