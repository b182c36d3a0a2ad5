package live.catwalk.core.mcp.engine;

import static live.catwalk.core.mcp.engine.McpHarness.TOKEN;
import static live.catwalk.core.mcp.engine.McpHarness.call;
import static live.catwalk.core.mcp.engine.McpHarness.clientHeaders;
import static live.catwalk.core.mcp.engine.McpHarness.json;
import static live.catwalk.core.mcp.engine.McpHarness.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.SseSource;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.fakes.FakeChannel;
import live.catwalk.core.mcp.fakes.FakeMcpServer;
import live.catwalk.core.mcp.fakes.FakeStdioServers;
import org.junit.jupiter.api.Test;

/** Isolated mode: one server process per session, capped, stopped with its session. */
class IsolatedModeTest {

    private static GatewaySettings twoChildren() {
        GatewaySettings s = McpHarness.fastSettings();
        return new GatewaySettings(s.allowedHosts(), s.allowedOrigins(), s.maxBodyBytes(), s.jsonWindow(),
                s.idleTimeout(), s.maxSessions(), 2, s.requestTimeout(), s.startTimeout(), s.eventLogEvents(),
                s.eventLogBytes(), s.retryMillis());
    }

    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":\"i\",\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"sampling\":{}},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    @Test
    void eachSessionGetsItsOwnServerInitializedWithTheClientsOwnInitialize() throws Exception {
        try (McpHarness mcp = new McpHarness(SessionMode.ISOLATED)) {
            String a = mcp.initialize("2025-06-18");
            String b = mcp.initialize("2025-11-25");

            assertEquals(2, mcp.servers.started().size());
            for (FakeChannel child : mcp.servers.started()) {
                ObjectNode init = child.nextReceived("initialize");
                assertEquals("t", init.path("params").path("clientInfo").path("name").asText());
            }
            assertEquals("hi", json(mcp.post(a, call(1, "echo", ""))).path("result").path("content").get(0).path("text").asText());
            assertEquals("hi", json(mcp.post(b, call(1, "echo", ""))).path("result").path("content").get(0).path("text").asText());
        }
    }

    @Test
    void deleteStopsTheSessionsServer() {
        try (McpHarness mcp = new McpHarness(SessionMode.ISOLATED)) {
            String session = mcp.initialize("2025-11-25");

            assertEquals(204, mcp.serve.serve(request("DELETE", clientHeaders(session), null, TOKEN)).status());

            assertTrue(mcp.servers.last().isClosed());
        }
    }

    @Test
    void atTheCapTheLeastRecentlyActiveIdleSessionMakesRoom() {
        try (McpHarness mcp = new McpHarness(SessionMode.ISOLATED, twoChildren(), new FakeStdioServers())) {
            String oldest = mcp.initialize("2025-11-25");
            mcp.clock.advance(Duration.ofSeconds(1));
            String middle = mcp.initialize("2025-11-25");
            mcp.clock.advance(Duration.ofSeconds(1));

            mcp.initialize("2025-11-25");

            assertEquals(404, mcp.post(oldest, call(1, "echo", "")).status());
            assertEquals(200, mcp.post(middle, call(1, "echo", "")).status());
            assertTrue(mcp.servers.started().getFirst().isClosed());
            assertFalse(mcp.servers.started().get(1).isClosed());
        }
    }

    @Test
    void atTheCapASessionThatOnlyHoldsAStreamOpenMakesRoomWhenNoneIsIdler() {
        try (McpHarness mcp = new McpHarness(SessionMode.ISOLATED, twoChildren(), new FakeStdioServers())) {
            String first = mcp.initialize("2025-11-25");
            mcp.clock.advance(Duration.ofSeconds(1));
            String second = mcp.initialize("2025-11-25");
            for (String session : new String[] {first, second}) {
                mcp.serve.serve(request("GET", clientHeaders(session), null, TOKEN));
                mcp.clock.advance(Duration.ofSeconds(1));
            }

            assertEquals(200, mcp.post(null, INIT).status());

            assertEquals(404, mcp.post(first, call(1, "echo", "")).status());
            assertEquals(200, mcp.post(second, call(1, "echo", "")).status());
        }
    }

    @Test
    void atTheCapWithEverySessionBusyANewSessionIsRefusedWith503() throws Exception {
        try (McpHarness mcp = new McpHarness(SessionMode.ISOLATED, twoChildren(), new FakeStdioServers())) {
            for (int i = 0; i < 2; i++) {
                String session = mcp.initialize("2025-11-25");
                CompletableFuture.runAsync(() -> mcp.post(session, call(1, "slow", "")));
                mcp.servers.last().nextReceived("tools/call");
            }

            McpHttpResponse refused = mcp.post(null, INIT);

            assertEquals(503, refused.status());
            assertTrue(json(refused).path("error").path("message").asText().contains("limit of 2"));
        }
    }

    @Test
    void atTheCapASessionWhoseCallWaitsForItsRestartingServerIsNotEndedToMakeRoom() throws Exception {
        try (McpHarness mcp = new McpHarness(SessionMode.ISOLATED, twoChildren(), new FakeStdioServers())) {
            String waiting = mcp.initialize("2025-11-25");
            FakeChannel itsServer = mcp.servers.last();
            mcp.clock.advance(Duration.ofSeconds(1));
            String busy = mcp.initialize("2025-11-25");
            CompletableFuture.runAsync(() -> mcp.post(busy, call(1, "slow", "")));
            mcp.servers.last().nextReceived("tools/call");
            itsServer.crashAndHold();
            itsServer.settle(); // the gateway knows of the crash before the call comes
            CompletableFuture<McpHttpResponse> answer = new CompletableFuture<>();
            Thread caller = Thread.ofPlatform().start(() -> answer.complete(mcp.post(waiting, call(2, "echo", ""))));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (caller.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
                Thread.sleep(5); // until the call waits for the restart
            }

            McpHttpResponse refused = mcp.post(null, INIT);
            itsServer.restartNow();

            assertEquals(503, refused.status(), "no session is idle: one waits for its server, one for its answer");
            McpHttpResponse answered = answer.get(10, TimeUnit.SECONDS);
            assertEquals(200, answered.status());
            assertEquals("hi", json(answered).path("result").path("content").get(0).path("text").asText());
            assertFalse(itsServer.isClosed());
        }
    }

    @Test
    void atTheCapASessionWhoseAnswerStreamStillHoldsItsAnswerIsNotEndedToMakeRoom() throws Exception {
        try (McpHarness mcp = new McpHarness(SessionMode.ISOLATED, twoChildren(), new FakeStdioServers())) {
            String streaming = mcp.initialize("2025-11-25");
            FakeChannel itsServer = mcp.servers.last();
            McpHttpResponse call = mcp.post(streaming, call(2, "slow", "")); // past the JSON window: a stream
            SseSource stream = assertInstanceOf(McpHttpResponse.Stream.class, call, call::toString).source();
            mcp.clock.advance(Duration.ofSeconds(1));
            String busy = mcp.initialize("2025-11-25");
            CompletableFuture.runAsync(() -> mcp.post(busy, call(1, "slow", "")));
            mcp.servers.last().nextReceived("tools/call");
            itsServer.server().releaseSlow();
            Thread.sleep(300); // the answer reaches the stream's log: the session has no request at its server

            McpHttpResponse refused = mcp.post(null, INIT);

            assertEquals(503, refused.status(), "the only session without a request at its server still has an "
                    + "answer to write");
            JsonNode answer = JsonRpc.parse(McpHarness.nextMessage(stream).data());
            assertEquals("slow done", answer.path("result").path("content").get(0).path("text").asText());
        }
    }

    @Test
    void aServerSpeakingAnUnknownVersionIsRefusedAndStopped() {
        FakeStdioServers servers = new FakeStdioServers(() -> {
            FakeMcpServer server = new FakeMcpServer();
            server.answerVersion = "2030-01-01";
            return server;
        });
        try (McpHarness mcp = new McpHarness(SessionMode.ISOLATED, McpHarness.fastSettings(), servers)) {
            McpHttpResponse response = mcp.post(null, INIT);

            assertEquals(502, response.status());
            assertTrue(json(response).path("error").path("message").asText().contains("2030-01-01"));
            assertTrue(servers.last().isClosed());
        }
    }

    @Test
    void aServerRefusingInitializePassesItsErrorToTheClient() {
        FakeStdioServers servers = new FakeStdioServers(() -> {
            FakeMcpServer server = new FakeMcpServer();
            server.refuseInitialize = true;
            return server;
        });
        try (McpHarness mcp = new McpHarness(SessionMode.ISOLATED, McpHarness.fastSettings(), servers)) {
            McpHttpResponse response = mcp.post(null, INIT);

            assertEquals(200, response.status());
            assertEquals("i", json(response).path("id").asText());
            assertEquals("unsupported protocol version", json(response).path("error").path("message").asText());
            assertTrue(servers.last().isClosed());
        }
    }

    @Test
    void afterACrashTheServerIsInitializedAgainWithTheClientsParams() throws Exception {
        try (McpHarness mcp = new McpHarness(SessionMode.ISOLATED)) {
            String session = mcp.initialize("2025-06-18");
            FakeChannel child = mcp.servers.last();
            child.nextReceived("initialize");

            child.crash(true);

            assertEquals(200, mcp.post(session, call(2, "echo", "")).status());
            ObjectNode again = child.nextReceived("initialize");
            assertEquals("2025-06-18", again.path("params").path("protocolVersion").asText());
            assertEquals("t", again.path("params").path("clientInfo").path("name").asText());
        }
    }

    @Test
    void anIdleSessionsServerIsStopped() {
        try (McpHarness mcp = new McpHarness(SessionMode.ISOLATED)) {
            mcp.initialize("2025-11-25");

            mcp.clock.advance(Duration.ofMinutes(31));
            assertEquals(1, mcp.maintain.maintain());

            assertTrue(mcp.servers.last().isClosed());
        }
    }
}
