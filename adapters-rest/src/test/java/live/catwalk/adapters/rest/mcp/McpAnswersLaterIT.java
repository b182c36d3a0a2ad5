package live.catwalk.adapters.rest.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import live.catwalk.adapters.rest.RestServer;
import live.catwalk.core.mcp.domain.http.McpHttpRequest;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.SseFrame;
import live.catwalk.core.mcp.domain.http.SseSource;
import live.catwalk.core.mcp.port.in.ServeMcp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An answer core gives later, on another thread, after the request's own thread has ended (a 2025 POST waiting for
 * its server holds no thread): it reaches the client whole, as small JSON, large JSON or an event stream, the
 * connection stays usable, and the endpoint's activity counts the exchange until its answer is written.
 */
class McpAnswersLaterIT {

    private static final String BIG = "x".repeat(200_000);

    private final McpActivity activity = new McpActivity();
    private volatile boolean requestThreadEndedFirst;
    private final java.util.concurrent.CountDownLatch clientGone = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.CountDownLatch endlessClosed = new java.util.concurrent.CountDownLatch(1);
    private final java.util.List<String> servedOn = new java.util.concurrent.CopyOnWriteArrayList<>();
    private RestServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = RestServer.builder("127.0.0.1", 0)
                .mcpEndpoint(new Later(), Duration.ofSeconds(1), activity)
                .build();
        base = server.start();
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ZERO);
    }

    /** Answers every request from a thread of its own once the request's thread has ended. */
    private final class Later implements ServeMcp {

        @Override
        public McpHttpResponse serve(McpHttpRequest request) {
            throw new AssertionError("the MCP handler must use the answer-later form");
        }

        @Override
        public void serve(McpHttpRequest request, Consumer<McpHttpResponse> answered) {
            String body = RawHttp.text(request);
            Thread requestThread = Thread.currentThread();
            servedOn.add(requestThread.getName() + (requestThread.isVirtual() ? "/virtual" : "/platform"));
            Thread.ofPlatform().start(() -> {
                try {
                    requestThread.join(Duration.ofSeconds(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                requestThreadEndedFirst = !requestThread.isAlive();
                if (body.equals("endless")) {
                    try {
                        clientGone.await(5, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                answered.accept(switch (body) {
                    case "big" -> json("{\"big\":\"" + BIG + "\"}");
                    case "endless" -> new McpHttpResponse.Stream(Map.of(), new Endless());
                    case "stream" -> new McpHttpResponse.Stream(Map.of(), new TwoEvents());
                    default -> json("{\"echo\":\"" + body + "\"}");
                });
            });
        }
    }

    private static McpHttpResponse json(String text) {
        return new McpHttpResponse.Json(200, Map.of("X-Later", "yes"), text.getBytes(StandardCharsets.UTF_8));
    }

    /** No event ever: only a write failing (a heartbeat to a client that left) ends it. */
    private final class Endless implements SseSource {

        @Override
        public SseFrame poll(Duration maxWait) throws InterruptedException {
            Thread.sleep(maxWait);
            return null;
        }

        @Override
        public void close() {
            endlessClosed.countDown();
        }
    }

    /** Two events, then the end. */
    private static final class TwoEvents implements SseSource {

        private final Deque<SseFrame> frames = new ArrayDeque<>(java.util.List.of(
                new SseFrame.Event("1-1", "{\"n\":1}", OptionalLong.empty()),
                new SseFrame.Event("1-2", "{\"n\":2}", OptionalLong.empty())));

        @Override
        public SseFrame poll(Duration maxWait) {
            SseFrame next = frames.poll();
            return next != null ? next : SseFrame.END;
        }

        @Override
        public void close() {
        }
    }

    private RawHttp.Reply post(String body) throws IOException {
        return RawHttp.send(base, "POST", "/mcp/dep", Map.of("Content-Type", "application/json",
                "Authorization", "Bearer t"), body);
    }

    @Test
    void aSmallJsonAnswerGivenAfterTheRequestThreadEndedIsWrittenWithItsHeaders() throws Exception {
        RawHttp.Reply reply = post("hello");

        assertEquals(200, reply.status(), reply.body());
        assertEquals("{\"echo\":\"hello\"}", reply.body());
        assertEquals("yes", reply.headers().get("x-later"));
        assertTrue(requestThreadEndedFirst, "the request's thread waited for the answer instead of ending");
        assertActivityEnds();
    }

    @Test
    void aLargeJsonAnswerGivenLaterArrivesWhole() throws Exception {
        RawHttp.Reply reply = post("big");

        assertEquals(200, reply.status());
        assertEquals("{\"big\":\"" + BIG + "\"}", reply.body());
        assertTrue(requestThreadEndedFirst);
        assertActivityEnds();
    }

    @Test
    void aStreamGivenLaterIsWrittenEventByEventToItsEnd() throws Exception {
        RawHttp.Reply reply = post("stream");

        assertEquals(200, reply.status());
        assertTrue(reply.headers().get("content-type").startsWith("text/event-stream"), reply.headers().toString());
        assertTrue(reply.body().contains("id: 1-1\ndata: {\"n\":1}\n\n"), reply.body());
        assertTrue(reply.body().contains("id: 1-2\ndata: {\"n\":2}\n\n"), reply.body());
        assertTrue(requestThreadEndedFirst);
        assertActivityEnds();
    }

    @Test
    void theConnectionServesTheNextRequestAfterAnAnswerGivenLater() throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            for (String body : new String[] {"one", "two", "three"}) {
                RawHttp.post(socket, base, body);
                String reply = RawHttp.readReply(socket.getInputStream());
                assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
                assertTrue(reply.endsWith("{\"echo\":\"" + body + "\"}"), reply);
            }
        }
        assertActivityEnds();
    }

    @Test
    void requestsPipelinedBehindAnAnswerGivenLaterAreAnsweredInOrderAndNotRunOnTheAnsweringThread()
            throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            RawHttp.post(socket, base, "first", "second", "third");
            for (String body : new String[] {"first", "second", "third"}) {
                String reply = RawHttp.readReply(socket.getInputStream());
                assertTrue(reply.endsWith("{\"echo\":\"" + body + "\"}"), reply);
            }
        }
        assertEquals(3, servedOn.size(), servedOn.toString());
        assertTrue(servedOn.stream().allMatch(thread -> thread.endsWith("/virtual")),
                "a pipelined request ran on the thread that answered the one before: " + servedOn);
        assertActivityEnds();
    }

    @Test
    void aStreamGivenLaterToAClientThatLeftIsClosedAndTheEndpointServesOn() throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            RawHttp.post(socket, base, "endless");
            Thread.sleep(100); // the request is in: its answer is due later
        }
        clientGone.countDown();

        assertTrue(endlessClosed.await(10, java.util.concurrent.TimeUnit.SECONDS),
                "the stream for a client that left was never closed");
        assertActivityEnds();
        RawHttp.Reply next = post("after");
        assertEquals("{\"echo\":\"after\"}", next.body());
    }

    private void assertActivityEnds() throws InterruptedException {
        for (int i = 0; i < 100 && activity.inFlight() > 0; i++) {
            Thread.sleep(20);
        }
        assertEquals(0, activity.inFlight(), "an exchange answered later still counts as in flight");
        assertEquals(0, activity.streams());
    }
}
