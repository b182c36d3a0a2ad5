package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event streams through the Fly data plane, on this host: client → gateway → the machine's {@code catwalk runner} →
 * server-everything over stdio. A long-running tool's progress reaches the client as it happens, the gateway keeps
 * the stream alive while the runner is silent, and a stream that broke is resumed with {@code Last-Event-ID}: the
 * gateway hands the id to the runner, whose session kept the events.
 */
class FlyStreamingIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String LONG_RUNNING = "trigger-long-running-operation";

    @TempDir
    static Path temp;

    private static FlyDataPlane plane;
    private static FlyDataPlane.Deployed everything;

    @BeforeAll
    static void deploy() throws Exception {
        // A gateway heartbeat far below the tool's silences, which shows the gateway's own keep-alives (the
        // runner's come every 15 s and are not relayed).
        plane = FlyDataPlane.start(temp, Map.of("CATWALK_SSE_HEARTBEAT", "200ms"));
        everything = plane.deploy(FlyDataPlane.everything("streaming-on-fly"));
    }

    @AfterAll
    static void stop() {
        if (plane != null) {
            plane.close();
        }
    }

    @Test
    void aToolsProgressReachesTheClientBeforeItsResultWithKeepAlivesWhileTheRunnerIsSilent() throws Exception {
        TestMcpClient client = new TestMcpClient(plane.mcp(everything), everything.token()).initialize();
        List<Integer> progress = new ArrayList<>();
        int keepAlives = 0;
        JsonNode result = null;
        try (EventStream stream = EventStream.open(HTTP, call(client.session(), 7, "p-7", 2, 2))) {
            for (EventStream.Event event; result == null && (event = stream.next()) != null; ) {
                keepAlives += event.commentsBefore();
                if (event.data().isEmpty()) {
                    continue; // the priming event
                }
                JsonNode message = event.json();
                if ("notifications/progress".equals(message.path("method").asText())) {
                    assertEquals("p-7", message.path("params").path("progressToken").asText(), message.toString());
                    progress.add(message.path("params").path("progress").asInt());
                } else if (message.path("id").asInt(-1) == 7) {
                    result = message;
                }
            }
        }
        assertNotNull(result, "the stream ended without the call's result");
        assertEquals(List.of(1, 2), progress, "each step's progress, in order, before the result");
        assertTrue(result.path("result").path("content").toString().contains("Long running operation completed"),
                result.toString());
        assertTrue(keepAlives > 0, "the gateway kept the stream alive during the tool's 1 s silences");
    }

    @Test
    void aStreamThatBrokeMidCallIsResumedThroughTheRunnerWithLastEventId() throws Exception {
        TestMcpClient client = new TestMcpClient(plane.mcp(everything), everything.token()).initialize();
        String lastEventId;
        try (EventStream stream = EventStream.open(HTTP, call(client.session(), 9, "p-9", 3, 3))) {
            EventStream.Event first = stream.next();
            assertNotNull(first, "the call's stream ended at once");
            assertEquals("", first.data(), "a 2025-11-25 stream starts with its priming event");
            assertNotNull(first.id(), "the priming event has an id to resume from");
            lastEventId = first.id();
        } // the connection drops while the tool is still running

        HttpRequest resume = request(client.session()).header("Accept", "text/event-stream")
                .header("Last-Event-ID", lastEventId).GET().build();
        List<Integer> progress = new ArrayList<>();
        JsonNode result = null;
        try (EventStream resumed = EventStream.open(HTTP, resume)) {
            for (EventStream.Event event; result == null && (event = resumed.next()) != null; ) {
                JsonNode message = event.data().isEmpty() ? null : event.json();
                if (message != null && "notifications/progress".equals(message.path("method").asText())) {
                    progress.add(message.path("params").path("progress").asInt());
                } else if (message != null && message.path("id").asInt(-1) == 9) {
                    result = message;
                }
            }
        }
        assertNotNull(result, "the resumed stream ended without the call's result");
        assertEquals(List.of(1, 2, 3), progress, "every event after the last one seen, none twice");
        assertTrue(result.path("result").path("content").toString().contains("Steps: 3"), result.toString());
    }

    /** A POST calling the long-running tool for {@code seconds} in {@code steps}, reporting progress under {@code token}. */
    private static HttpRequest call(String session, int id, String token, int seconds, int steps) {
        return request(session).header("Accept", "application/json, text/event-stream")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":"
                        + "\"tools/call\",\"params\":{\"name\":\"" + LONG_RUNNING + "\",\"arguments\":{\"duration\":"
                        + seconds + ",\"steps\":" + steps + "},\"_meta\":{\"progressToken\":\"" + token + "\"}}}"))
                .build();
    }

    private static HttpRequest.Builder request(String session) {
        URI mcp = plane.mcp(everything);
        return HttpRequest.newBuilder(mcp).timeout(EventStream.WITHIN)
                .header("Authorization", "Bearer " + everything.token()).header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", "2025-11-25");
    }
}
