package live.catwalk.core.mcp.engine;

import static live.catwalk.core.mcp.engine.McpHarness.DEPLOYMENT;
import static live.catwalk.core.mcp.engine.McpHarness.TOKEN;
import static live.catwalk.core.mcp.engine.McpHarness.call;
import static live.catwalk.core.mcp.engine.McpHarness.clientHeaders;
import static live.catwalk.core.mcp.engine.McpHarness.eventually;
import static live.catwalk.core.mcp.engine.McpHarness.json;
import static live.catwalk.core.mcp.engine.McpHarness.nextMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.SseFrame;
import live.catwalk.core.mcp.domain.http.SseSource;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.fakes.FakeChannel;
import live.catwalk.core.mcp.fakes.FakeMcpServer.PingAnswer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway's own ping to a deployment's server, and the server's stderr. */
class PingAndLogsTest {

    private final McpHarness mcp = new McpHarness(SessionMode.SHARED);

    @AfterEach
    void close() {
        mcp.close();
    }

    private FakeChannel child() {
        return mcp.servers.last();
    }

    private void awaitRunning() throws InterruptedException {
        eventually(() -> mcp.endpoints.state(DEPLOYMENT) instanceof RuntimeState.Running,
                () -> mcp.endpoints.state(DEPLOYMENT).toString());
    }

    @Test
    void aServerThatAnswersThePingWithAResultIsAlive() throws InterruptedException {
        awaitRunning();

        assertTrue(mcp.endpoints.ping(DEPLOYMENT, Duration.ofSeconds(5)));

        ObjectNode ping = child().nextReceived("ping");
        assertTrue(ping.path("id").isTextual(), "the gateway's pings have ids of their own: " + ping);
    }

    @Test
    void anErrorAnswerIsNotAlive() throws InterruptedException {
        awaitRunning();
        child().server().pings = PingAnswer.ERROR;

        assertFalse(mcp.endpoints.ping(DEPLOYMENT, Duration.ofSeconds(5)));
    }

    @Test
    void anUnansweredPingIsFalseAfterTheTimeout() throws InterruptedException {
        awaitRunning();
        child().server().pings = PingAnswer.NONE;

        long start = System.nanoTime();
        assertFalse(mcp.endpoints.ping(DEPLOYMENT, Duration.ofMillis(200)));
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();

        assertTrue(waited >= 150 && waited < 3000, "waited " + waited + " ms");
    }

    @Test
    void aServerThatIsNotReadyIsNotPingedAtAll() throws InterruptedException {
        awaitRunning();
        child().crashAndHold();
        eventually(() -> mcp.endpoints.state(DEPLOYMENT) instanceof RuntimeState.Starting, () -> "restarting");

        long start = System.nanoTime();
        assertFalse(mcp.endpoints.ping(DEPLOYMENT, Duration.ofSeconds(5)));

        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1000);
        assertTrue(child().receivedSoFar().stream().noneMatch(m -> m.path("method").asText().equals("ping")));
    }

    @Test
    void aPingWaitingWhenTheServerDiesIsFalseAtOnce() throws Exception {
        awaitRunning();
        child().server().pings = PingAnswer.NONE;
        CompletableFuture<Boolean> alive = CompletableFuture.supplyAsync(
                () -> mcp.endpoints.ping(DEPLOYMENT, Duration.ofSeconds(30)));
        child().nextReceived("ping");

        child().crashAndHold();

        assertFalse(alive.get(2, TimeUnit.SECONDS));
    }

    @Test
    void aClientSessionNeverSeesThePingOrItsAnswer() throws Exception {
        String session = mcp.initialize("2025-11-25");
        SseSource standalone = assertInstanceOf(McpHttpResponse.Stream.class,
                mcp.serve.serve(McpHarness.request("GET", clientHeaders(session), null, TOKEN))).source();
        CompletableFuture<McpHttpResponse> slow = CompletableFuture.supplyAsync(
                () -> mcp.post(session, call("catwalk-ping-1", "slow", "")));
        child().nextReceived("tools/call");

        assertTrue(mcp.endpoints.ping(DEPLOYMENT, Duration.ofSeconds(5)));
        JsonNode pingId = child().nextReceived("ping").get("id");
        child().emit(JsonRpc.result(pingId, JsonRpc.object().put("late", true))); // a duplicate, too late
        child().server().releaseSlow();

        McpHttpResponse response = slow.get(5, TimeUnit.SECONDS);
        JsonNode answer = response instanceof McpHttpResponse.Stream s ? JsonRpc.parse(nextMessage(s.source()).data())
                : json(response);
        assertEquals("catwalk-ping-1", answer.path("id").asText());
        assertEquals("slow done", answer.path("result").path("content").get(0).path("text").asText(), answer::toString);
        long deadline = System.nanoTime() + Duration.ofMillis(300).toNanos();
        while (System.nanoTime() < deadline) {
            SseFrame frame = standalone.poll(Duration.ofMillis(50));
            assertFalse(frame instanceof SseFrame.Event e && !e.data().isEmpty(), () -> "the session saw " + frame);
        }
    }

    @Test
    void isolatedDeploymentsAnswerWhileRegisteredAndUnknownOnesNever() {
        try (McpHarness isolated = new McpHarness(SessionMode.ISOLATED)) {
            assertTrue(isolated.endpoints.ping(DEPLOYMENT, Duration.ofMillis(1)));
            isolated.endpoints.unregister(DEPLOYMENT);
            assertFalse(isolated.endpoints.ping(DEPLOYMENT, Duration.ofMillis(1)));
        }
        assertFalse(mcp.endpoints.ping("never-registered", Duration.ofMillis(1)));
    }

    @Test
    void logsAreTheServersMostRecentStderrLinesAtMostAThousand() {
        IntStream.rangeClosed(1, 1200).forEach(i -> child().writeStderr("line " + i));

        assertEquals(List.of("line 1199", "line 1200"), mcp.endpoints.logs(DEPLOYMENT, 2));
        List<String> most = mcp.endpoints.logs(DEPLOYMENT, 5000);
        assertEquals(1000, most.size());
        assertEquals("line 201", most.getFirst());
        assertEquals(List.of(), mcp.endpoints.logs(DEPLOYMENT, 0));
        assertEquals(List.of(), mcp.endpoints.logs("never-registered", 10));
        assertThrows(IllegalArgumentException.class, () -> mcp.endpoints.logs(DEPLOYMENT, -1));
    }

    @Test
    void isolatedLogsAreThoseOfTheServerStartedLast() {
        try (McpHarness isolated = new McpHarness(SessionMode.ISOLATED)) {
            assertEquals(List.of(), isolated.endpoints.logs(DEPLOYMENT, 10));
            isolated.initialize("2025-11-25");
            isolated.servers.last().writeStderr("first");
            isolated.initialize("2025-11-25");
            isolated.servers.last().writeStderr("second");

            assertEquals(List.of("second"), isolated.endpoints.logs(DEPLOYMENT, 10));
        }
    }
}
