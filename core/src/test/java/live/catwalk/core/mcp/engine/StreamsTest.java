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
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.SseFrame;
import live.catwalk.core.mcp.domain.http.SseSource;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.fakes.FakeMcpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When a POST answers with SSE, what its stream carries, and how streams resume. */
class StreamsTest {

    private final McpHarness mcp = new McpHarness(SessionMode.SHARED);

    @AfterEach
    void close() {
        mcp.close();
    }

    private static SseSource stream(McpHttpResponse response) {
        return assertInstanceOf(McpHttpResponse.Stream.class, response, response::toString).source();
    }

    private static JsonNode data(SseFrame.Event event) {
        return JsonRpc.parse(event.data());
    }

    @Test
    void aResponseWithNothingBeforeItIsPlainJson() {
        String session = mcp.initialize("2025-11-25");

        McpHttpResponse response = mcp.post(session, call(1, "echo", ""));

        assertEquals("hi", json(response).path("result").path("content").get(0).path("text").asText());
    }

    @Test
    void progressTurnsTheAnswerIntoAPrimedStreamWithTheClientsTokenAndTheResponseLast() throws Exception {
        String session = mcp.initialize("2025-11-25");

        List<SseFrame.Event> events = readAll(stream(mcp.post(session,
                call(5, "progress", "\"_meta\":{\"progressToken\":\"my-token\"}"))));

        assertEquals(4, events.size(), events::toString);
        SseFrame.Event priming = events.getFirst();
        assertEquals("", priming.data());
        assertTrue(priming.id() != null && priming.retryMillis().isPresent(), priming::toString);
        assertEquals("my-token", data(events.get(1)).path("params").path("progressToken").asText());
        assertEquals(1, data(events.get(1)).path("params").path("progress").asInt());
        assertEquals(2, data(events.get(2)).path("params").path("progress").asInt());
        assertEquals(5, data(events.get(3)).path("id").asInt());
        assertEquals("done", data(events.get(3)).path("result").path("content").get(0).path("text").asText());
    }

    @Test
    void numericProgressTokensComeBackAsNumbers() throws Exception {
        String session = mcp.initialize("2025-11-25");

        List<SseFrame.Event> events = readAll(stream(mcp.post(session,
                call(5, "progress", "\"_meta\":{\"progressToken\":42}"))));

        JsonNode token = data(events.get(1)).path("params").path("progressToken");
        assertTrue(token.isIntegralNumber());
        assertEquals(42, token.asInt());
    }

    @Test
    void clientsBefore2025_11_25GetNoPrimingEvent() throws Exception {
        String session = mcp.initialize("2025-06-18");

        List<SseFrame.Event> events = readAll(stream(mcp.post(session, call(1, "log", ""))));

        assertEquals(2, events.size(), events::toString);
        assertEquals("notifications/message", data(events.get(0)).path("method").asText());
        assertEquals(1, data(events.get(1)).path("id").asInt());
        assertTrue(events.stream().allMatch(e -> e.retryMillis().isEmpty()));
    }

    @Test
    void aSlowAnswerGoesToAStreamAfterTheJsonWindow() throws Exception {
        String session = mcp.initialize("2025-11-25");

        SseSource source = stream(mcp.post(session, call(3, "slow", "")));
        releaseSlow();

        SseFrame.Event answer = nextMessage(source);
        assertEquals(3, data(answer).path("id").asInt());
        assertInstanceOf(SseFrame.End.class, source.poll(Duration.ofSeconds(1)));
    }

    @Test
    void eventIdsAreUniqueInASessionAndNameTheirStream() throws Exception {
        String session = mcp.initialize("2025-11-25");
        Set<String> ids = new HashSet<>();
        Set<String> streams = new HashSet<>();

        for (int i = 0; i < 3; i++) {
            for (SseFrame.Event e : readAll(stream(mcp.post(session, call(i, "log", ""))))) {
                assertTrue(ids.add(e.id()), "repeated event id " + e.id());
                streams.add(e.id().substring(0, e.id().indexOf('-')));
            }
        }
        assertEquals(3, streams.size(), ids::toString);
    }

    @Test
    void aDroppedStreamResumesByGetWithLastEventIdAndReplaysOnlyItsOwnEvents() throws Exception {
        String session = mcp.initialize("2025-11-25");
        SseSource other = stream(mcp.post(session, call(8, "log", "")));
        readAll(other);
        SseSource first = stream(mcp.post(session, call(9, "slow", "")));
        SseFrame.Event priming = (SseFrame.Event) first.poll(Duration.ofSeconds(1));
        first.close();

        releaseSlow();
        Map<String, String> headers = clientHeaders(session);
        headers.put("Last-Event-ID", priming.id());
        List<SseFrame.Event> replayed = readAll(stream(mcp.serve.serve(request("GET", headers, null, TOKEN))));

        assertEquals(1, replayed.size(), replayed::toString);
        assertEquals(9, data(replayed.getFirst()).path("id").asInt());
    }

    @Test
    void aResumeTakesOverFromAnEarlierReaderOfTheSameStream() throws Exception {
        String session = mcp.initialize("2025-11-25");
        SseSource first = stream(mcp.post(session, call(9, "slow", "")));
        SseFrame.Event priming = (SseFrame.Event) first.poll(Duration.ofSeconds(1));
        Map<String, String> headers = clientHeaders(session);
        headers.put("Last-Event-ID", priming.id());

        SseSource second = stream(mcp.serve.serve(request("GET", headers, null, TOKEN)));

        assertInstanceOf(SseFrame.End.class, first.poll(Duration.ofSeconds(1)));
        releaseSlow();
        assertEquals(9, data(nextMessage(second)).path("id").asInt());
    }

    @Test
    void serverNotificationsUnrelatedToARequestGoToTheStandaloneStreamEvenBeforeItOpens() throws Exception {
        String session = mcp.initialize("2025-11-25");
        fakeServer().send(JsonRpc.notification("notifications/tools/list_changed", null));
        Map<String, String> headers = clientHeaders(session);
        headers.put("Accept", "text/event-stream");

        SseSource standalone = stream(mcp.serve.serve(request("GET", headers, null, TOKEN)));

        assertEquals("notifications/tools/list_changed", data(nextMessage(standalone)).path("method").asText());
    }

    private FakeMcpServer fakeServer() {
        return mcp.servers.last().server();
    }

    private void releaseSlow() {
        fakeServer().releaseSlow();
    }
}
