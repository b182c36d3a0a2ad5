package live.catwalk.core.mcp.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import live.catwalk.core.mcp.domain.SessionId;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.protocol.ProtocolVersion;
import live.catwalk.core.mcp.engine.session.McpStream;
import live.catwalk.core.mcp.engine.session.RetainedBytes;
import live.catwalk.core.mcp.engine.session.Session;
import org.junit.jupiter.api.Test;

/** POSTs wait without a timer of their own; one ticker ends their JSON windows, never early. */
class JsonWindowsTest {

    private int sessions;

    private Session session() {
        return new Session(new SessionId("json-window-session-" + sessions++), "alice", ProtocolVersion.V2025_03_26,
                null, Instant.EPOCH, 100, 1024 * 1024, 1000, new RetainedBytes(1024 * 1024, 64 * 1024));
    }

    /** The POST's answer, waited for on another thread. */
    private static CompletableFuture<McpHttpResponse> waiting(Session session, McpStream stream) {
        CompletableFuture<McpHttpResponse> answer = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                answer.complete(session.awaitAnswer(stream, Map.of()));
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    @Test
    void aWindowEndsOnTheTickItIsDueAndNotBefore() throws Exception {
        // 1 s: ticks of 25 ms (the longest), 40 of them make the window, and one more since it opened between two
        JsonWindows windows = new JsonWindows(Duration.ofSeconds(1), false);
        Session session = session();
        McpStream stream = session.openPostStream(1);
        windows.open(session, stream);
        CompletableFuture<McpHttpResponse> answer = waiting(session, stream);

        for (int i = 0; i < 40; i++) {
            windows.tick();
        }
        Thread.sleep(50);
        assertTrue(!answer.isDone(), "the window is not over after 40 ticks");

        windows.tick();
        assertInstanceOf(McpHttpResponse.Stream.class, answer.get(5, TimeUnit.SECONDS),
                "nothing answered in the window: the POST goes on as SSE");
    }

    @Test
    void anAnswerInTheWindowIsJsonAndItsLaterTickChangesNothing() throws Exception {
        JsonWindows windows = new JsonWindows(Duration.ofSeconds(1), false);
        Session session = session();
        McpStream stream = session.openPostStream(1);
        windows.open(session, stream);
        CompletableFuture<McpHttpResponse> answer = waiting(session, stream);

        session.deliver(stream, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", true);

        McpHttpResponse.Json json = assertInstanceOf(McpHttpResponse.Json.class, answer.get(5, TimeUnit.SECONDS));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", new String(json.body()));
        for (int i = 0; i < 50; i++) {
            windows.tick();
        }
    }

    @Test
    void aZeroWindowIsOverAtOnce() throws Exception {
        JsonWindows windows = new JsonWindows(Duration.ZERO, false);
        Session session = session();
        McpStream stream = session.openPostStream(1);

        windows.open(session, stream);

        assertInstanceOf(McpHttpResponse.Stream.class, waiting(session, stream).get(5, TimeUnit.SECONDS));
    }

    @Test
    void closingEndsEveryOpenWindowAndLaterOnesAtOnce() throws Exception {
        JsonWindows windows = new JsonWindows(Duration.ofHours(1), false);
        Session session = session();
        McpStream first = session.openPostStream(1);
        windows.open(session, first);
        CompletableFuture<McpHttpResponse> answer = waiting(session, first);

        windows.close();

        assertInstanceOf(McpHttpResponse.Stream.class, answer.get(5, TimeUnit.SECONDS));
        McpStream later = session.openPostStream(1);
        windows.open(session, later);
        assertInstanceOf(McpHttpResponse.Stream.class, waiting(session, later).get(5, TimeUnit.SECONDS));
    }

    @Test
    void theTickerEndsWindowsOnItsOwn() throws Exception {
        JsonWindows windows = new JsonWindows(Duration.ofMillis(50));
        try {
            Session session = session();
            McpStream stream = session.openPostStream(1);
            windows.open(session, stream);

            assertInstanceOf(McpHttpResponse.Stream.class, waiting(session, stream).get(10, TimeUnit.SECONDS));
        } finally {
            windows.close();
        }
    }
    @Test
    void aPostAnsweredLaterGetsItsJsonOnceFromTheThreadThatDeliversItsLastResponse() throws Exception {
        JsonWindows windows = new JsonWindows(Duration.ofSeconds(1), false);
        Session session = session();
        McpStream stream = session.openPostStream(2);
        windows.open(session, stream);
        List<McpHttpResponse> answers = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        session.answerWhenReady(stream, Map.of(), a -> {
            answers.add(a);
            threads.add(Thread.currentThread().getName());
        });
        session.deliver(stream, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", true);
        assertTrue(answers.isEmpty(), "answered before its second response");

        Thread.ofPlatform().name("the-reader").start(() -> session.deliver(stream,
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}", true)).join();

        assertEquals(List.of("the-reader"), threads);
        McpHttpResponse.Json json = assertInstanceOf(McpHttpResponse.Json.class, answers.getFirst());
        assertEquals("[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}},{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}]",
                new String(json.body()));
        for (int i = 0; i < 50; i++) {
            windows.tick();
        }
        session.end();
        assertEquals(1, answers.size(), "answered more than once");
    }

    @Test
    void aPostAnsweredLaterTurnsIntoAStreamOnceItsWindowEndsAndIsAnsweredAtOnceWhenAlreadyDecided() {
        JsonWindows windows = new JsonWindows(Duration.ofSeconds(1), false);
        Session session = session();
        McpStream stream = session.openPostStream(1);
        windows.open(session, stream);
        List<McpHttpResponse> answers = new CopyOnWriteArrayList<>();
        session.answerWhenReady(stream, Map.of(), answers::add);
        for (int i = 0; i < 40; i++) {
            windows.tick();
        }
        assertTrue(answers.isEmpty(), "answered before the window was over");
        windows.tick();
        assertInstanceOf(McpHttpResponse.Stream.class, answers.getFirst());
        session.end();
        assertEquals(1, answers.size());

        Session other = session();
        McpStream decided = other.openPostStream(0); // no requests: nothing to wait for
        List<McpHttpResponse> now = new CopyOnWriteArrayList<>();
        other.answerWhenReady(decided, Map.of(), now::add);
        assertEquals(1, now.size(), "an answer already decided is given at once");
    }
}
