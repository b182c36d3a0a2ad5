package live.catwalk.core.mcp.engine;

import static live.catwalk.core.mcp.engine.McpHarness.TOKEN;
import static live.catwalk.core.mcp.engine.McpHarness.call;
import static live.catwalk.core.mcp.engine.McpHarness.clientHeaders;
import static live.catwalk.core.mcp.engine.McpHarness.json;
import static live.catwalk.core.mcp.engine.McpHarness.nextMessage;
import static live.catwalk.core.mcp.engine.McpHarness.readAll;
import static live.catwalk.core.mcp.engine.McpHarness.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.SseFrame;
import live.catwalk.core.mcp.domain.http.SseSource;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.fakes.FakeChannel;
import live.catwalk.core.mcp.fakes.FakeStdioServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared bridge: initialization, id and token remapping, server→client requests, faults. */
class BridgeTest {

    private final McpHarness mcp = new McpHarness(SessionMode.SHARED);

    @AfterEach
    void close() {
        mcp.close();
    }

    private FakeChannel child() {
        return mcp.servers.last();
    }

    private static SseSource stream(McpHttpResponse response) {
        return assertInstanceOf(McpHttpResponse.Stream.class, response, response::toString).source();
    }

    /** The answer, whether it came as JSON (inside the JSON window) or on a stream. */
    private static JsonNode answerOf(McpHttpResponse response) throws InterruptedException {
        return response instanceof McpHttpResponse.Stream s ? data(nextMessage(s.source())) : json(response);
    }

    private static JsonNode data(SseFrame.Event event) {
        return JsonRpc.parse(event.data());
    }

    @Test
    void theGatewayInitializesTheSharedServerOnceAndKeepsClientsInitializedToItself() {
        mcp.initialize("2025-11-25");
        mcp.initialize("2025-06-18");
        mcp.post(mcp.initialize("2025-11-25"), call(1, "echo", ""));

        List<ObjectNode> received = child().receivedSoFar();
        List<ObjectNode> initializes = received.stream().filter(m -> m.path("method").asText().equals("initialize")).toList();
        long initialized = received.stream().filter(m -> m.path("method").asText().equals("notifications/initialized")).count();
        assertEquals(1, initializes.size(), "only the gateway's initialize reaches the server");
        assertEquals("catwalk", initializes.getFirst().path("params").path("clientInfo").path("name").asText());
        assertTrue(initializes.getFirst().path("params").path("capabilities").has("sampling"));
        assertEquals(1, initialized, "only the gateway's initialized notification reaches the server");
        assertEquals(1, mcp.servers.started().size());
    }

    @Test
    void twoSessionsUsingTheSameIdEachGetTheirOwnAnswer() throws Exception {
        String a = mcp.initialize("2025-11-25");
        String b = mcp.initialize("2025-11-25");
        CompletableFuture<McpHttpResponse> first = CompletableFuture.supplyAsync(() -> mcp.post(a, call(1, "slow", "")));
        CompletableFuture<McpHttpResponse> second = CompletableFuture.supplyAsync(() -> mcp.post(b, call(1, "slow", "")));
        ObjectNode x = child().nextReceived("tools/call");
        ObjectNode y = child().nextReceived("tools/call");

        assertNotEquals(x.get("id"), y.get("id"));
        child().server().releaseSlow();
        for (CompletableFuture<McpHttpResponse> f : List.of(first, second)) {
            JsonNode answer = answerOf(f.get());
            assertEquals(1, answer.path("id").asInt());
            assertEquals("slow done", answer.path("result").path("content").get(0).path("text").asText());
        }
    }

    @Test
    void samplingGoesToTheSessionWhoseCallIsInFlightAndItsAnswerBackToTheServer() throws Exception {
        String session = mcp.initialize("2025-11-25");
        mcp.initialize("2025-11-25");

        SseSource call = stream(mcp.post(session, call(4, "sample", "")));
        JsonNode ask = data(nextMessage(call));
        assertEquals("sampling/createMessage", ask.path("method").asText());
        String answer = "{\"jsonrpc\":\"2.0\",\"id\":" + ask.get("id") + ",\"result\":{\"role\":\"assistant\","
                + "\"content\":{\"type\":\"text\",\"text\":\"pong\"},\"model\":\"m\"}}";

        assertEquals(202, mcp.post(session, answer).status());
        JsonNode result = data(nextMessage(call));
        assertEquals(4, result.path("id").asInt());
        assertEquals("client said pong", result.path("result").path("content").get(0).path("text").asText());
    }

    @Test
    void anAnswerFromAnotherSessionDoesNotReachTheServer() throws Exception {
        String asked = mcp.initialize("2025-11-25");
        String other = mcp.initialize("2025-11-25");
        SseSource call = stream(mcp.post(asked, call(4, "sample", "")));
        JsonNode ask = data(nextMessage(call));
        String forged = "{\"jsonrpc\":\"2.0\",\"id\":" + ask.get("id") + ",\"result\":{\"content\":{\"text\":\"forged\"}}}";

        assertEquals(202, mcp.post(other, forged).status());
        assertEquals(202, mcp.post(asked, forged.replace("forged", "real")).status());

        assertEquals("client said real", data(nextMessage(call)).path("result").path("content").get(0).path("text").asText());
    }

    @Test
    void samplingIsRefusedToTheServerWhenTheClientDidNotDeclareIt() throws Exception {
        String session = mcp.initialize("2025-11-25", "{}");
        CompletableFuture.runAsync(() -> mcp.post(session, call(4, "sample", "")));

        ObjectNode refusal = child().nextReceived();
        while (!refusal.has("error")) {
            refusal = child().nextReceived();
        }
        assertEquals(-32601, refusal.path("error").path("code").asInt());
    }

    @Test
    void aServerRequestWithNoCallInFlightGoesToTheMostRecentSessionsStandaloneStream() throws Exception {
        mcp.initialize("2025-11-25");
        String recent = mcp.initialize("2025-11-25", "{\"roots\":{}}");
        mcp.clock.advance(Duration.ofSeconds(1));
        mcp.post(recent, call(1, "echo", ""));

        child().server().send(JsonRpc.request(JsonRpc.object().textNode("r1"), "roots/list", null));
        Map<String, String> headers = clientHeaders(recent);
        SseSource standalone = stream(mcp.serve.serve(request("GET", headers, null, TOKEN)));

        assertEquals("roots/list", data(nextMessage(standalone)).path("method").asText());
    }

    @Test
    void theServerDyingMidCallAnswersTheCallerAtOnceAndTheNextCallWorksAfterTheRestart() throws Exception {
        String session = mcp.initialize("2025-11-25");
        SseSource call = stream(mcp.post(session, call(2, "slow", "")));

        child().crash(true);

        JsonNode error = data(nextMessage(call));
        assertEquals(2, error.path("id").asInt());
        assertEquals(JsonRpc.SERVER_UNAVAILABLE, error.path("error").path("code").asInt());
        JsonNode next = json(mcp.post(session, call(3, "echo", "")));
        assertEquals("hi", next.path("result").path("content").get(0).path("text").asText());
        assertEquals(2, child().generation());
    }

    @Test
    void aClientCancellationReachesTheServerUnderItsIdAndEndsTheStream() throws Exception {
        String session = mcp.initialize("2025-11-25");
        SseSource call = stream(mcp.post(session, call("c-1", "slow", "")));
        ObjectNode forwarded = child().nextReceived("tools/call");

        assertEquals(202, mcp.post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                + "\"params\":{\"requestId\":\"c-1\",\"reason\":\"user\"}}").status());

        ObjectNode cancelled = child().nextReceived("notifications/cancelled");
        assertEquals(forwarded.get("id"), cancelled.path("params").get("requestId"));
        List<SseFrame.Event> rest = readAll(call);
        assertTrue(rest.stream().allMatch(e -> e.data().isEmpty()), rest::toString);
    }

    @Test
    void aRequestPastTheTimeoutIsAnsweredWithAnErrorAndCancelledAtTheServer() throws Exception {
        String session = mcp.initialize("2025-11-25");
        SseSource call = stream(mcp.post(session, call(6, "slow", "")));
        ObjectNode forwarded = child().nextReceived("tools/call");

        mcp.clock.advance(Duration.ofMinutes(11));
        mcp.maintain.maintain();

        assertEquals(JsonRpc.REQUEST_TIMEOUT, data(nextMessage(call)).path("error").path("code").asInt());
        assertEquals(forwarded.get("id"), child().nextReceived("notifications/cancelled").path("params").get("requestId"));
    }

    @Test
    void anIdleSessionEndsAndItsIdThenGets404() {
        String session = mcp.initialize("2025-11-25");

        mcp.clock.advance(Duration.ofMinutes(29));
        assertEquals(0, mcp.maintain.maintain());
        mcp.clock.advance(Duration.ofMinutes(2));
        assertEquals(1, mcp.maintain.maintain());

        assertEquals(404, mcp.post(session, call(1, "echo", "")).status());
    }

    @Test
    void subscriptionsAreSharedAtTheServerAndUpdatesReachEverySubscriber() throws Exception {
        String a = mcp.initialize("2025-11-25");
        String b = mcp.initialize("2025-11-25");
        String subscribe = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"test://r\"}}";

        mcp.post(a, subscribe);
        assertEquals(1, json(mcp.post(b, subscribe)).path("id").asInt());
        child().server().send(JsonRpc.notification("notifications/resources/updated", JsonRpc.object().put("uri", "test://r")));

        for (String session : List.of(a, b)) {
            SseSource standalone = stream(mcp.serve.serve(request("GET", clientHeaders(session), null, TOKEN)));
            assertEquals("notifications/resources/updated", data(nextMessage(standalone)).path("method").asText());
        }
        long subscribes = child().receivedSoFar().stream()
                .filter(m -> m.path("method").asText().equals("resources/subscribe")).count();
        assertEquals(1, subscribes);
    }

    @Test
    void aServerThatDiesWhileStartingIsInitializedAfterItsRestart() {
        var servers = new FakeStdioServers();
        servers.crashAtFirstStart();
        try (McpHarness flaky = new McpHarness(SessionMode.SHARED, McpHarness.fastSettings(), servers)) {
            String session = flaky.initialize("2025-11-25");

            assertEquals(200, flaky.post(session, call(1, "echo", "")).status());
            assertEquals(2, servers.last().generation());
        }
    }

    @Test
    void linesThatAreNotJsonRpcAreIgnored() {
        String session = mcp.initialize("2025-11-25");

        child().emitRaw("Server listening on stdio");
        child().emitRaw("{\"half\":");

        assertEquals(200, mcp.post(session, call(1, "echo", "")).status());
    }

    @Test
    void aServerThatCannotStartMakesInitializeFailWithTheReason() {
        var servers = new FakeStdioServers();
        servers.makeUnstartable();
        try (McpHarness broken = new McpHarness(SessionMode.SHARED, McpHarness.fastSettings(), servers)) {
            McpHttpResponse response = broken.post(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                    + "\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}");

            assertEquals(503, response.status());
            assertTrue(json(response).path("error").path("message").asText().contains("no such program"),
                    McpHarness.body(response));
        }
    }
}
