package live.catwalk.core.mcp.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import live.catwalk.core.mcp.domain.SessionId;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.SseFrame;
import live.catwalk.core.mcp.domain.http.SseSource;
import live.catwalk.core.mcp.domain.protocol.ProtocolVersion;
import org.junit.jupiter.api.Test;

/** One byte budget over every session's kept events: oldest first, a short tail for unread streams. */
class RetainedBytesTest {

    private static final String LINE = "x".repeat(1000);
    private static final long EACH = LoggedEvent.bytes(line("a", 1));
    private int sessions;

    private static String line(String who, int n) {
        return who + n + LINE.substring(String.valueOf(n).length() + who.length());
    }

    private Session session(RetainedBytes budget) {
        return new Session(new SessionId("retained-session-" + sessions++), "alice", ProtocolVersion.V2025_03_26,
                null, Instant.EPOCH, 1000, 8L * 1024 * 1024, 1000, budget);
    }

    private static List<String> kept(Session session) throws InterruptedException {
        SseSource reader = session.readStandalone().orElseThrow();
        List<String> seen = new ArrayList<>();
        while (reader.poll(Duration.ZERO) instanceof SseFrame.Event e) {
            seen.add(e.data().substring(0, 2));
        }
        reader.close();
        return seen;
    }

    @Test
    void overBudgetTheOldestEventOfAnySessionGoesFirst() throws Exception {
        RetainedBytes budget = new RetainedBytes(5 * EACH, 100 * EACH);
        Session a = session(budget);
        Session b = session(budget);
        for (int i = 1; i <= 3; i++) {
            a.deliverUnrelated(line("a", i));
        }
        for (int i = 1; i <= 3; i++) {
            b.deliverUnrelated(line("b", i));
        }

        assertTrue(budget.used() <= 5 * EACH, () -> budget.used() + " used");
        assertEquals(List.of("a2", "a3"), kept(a));
        assertEquals(List.of("b1", "b2", "b3"), kept(b));
    }

    @Test
    void aStreamNobodyReadsKeepsOnlyItsTailWhileAReadStreamKeepsAll() throws Exception {
        RetainedBytes budget = new RetainedBytes(1000 * EACH, 3 * EACH);
        Session unread = session(budget);
        Session read = session(budget);
        SseSource reader = read.readStandalone().orElseThrow();
        for (int i = 1; i <= 5; i++) {
            unread.deliverUnrelated(line("u", i));
            read.deliverUnrelated(line("r", i));
        }

        assertEquals(List.of("u3", "u4", "u5"), kept(unread));
        int events = 0;
        while (reader.poll(Duration.ZERO) instanceof SseFrame.Event) {
            events++;
        }
        assertEquals(5, events);
    }

    @Test
    void anEndedSessionNoLongerCounts() {
        RetainedBytes budget = new RetainedBytes(1000 * EACH, 100 * EACH);
        Session a = session(budget);
        a.deliverUnrelated(line("a", 1));
        assertEquals(EACH, budget.used());

        a.end();

        assertEquals(0, budget.used());
    }

    @Test
    void answersAPostIsAboutToReturnCannotBeDroppedSoTheBudgetIsExhaustedUntilTheyGo() throws Exception {
        RetainedBytes budget = new RetainedBytes(2 * EACH, 100 * EACH);
        Session a = session(budget);
        McpStream post = a.openPostStream(3);
        for (int i = 1; i <= 3; i++) {
            a.deliver(post, "{\"id\":" + i + ",\"result\":\"" + LINE + "\"}", true);
        }
        assertTrue(budget.exhausted());

        a.endWindow(post);
        McpHttpResponse answer = a.awaitAnswer(post, Map.of());

        assertInstanceOf(McpHttpResponse.Json.class, answer);
        assertEquals(0, budget.used());
        assertFalse(budget.exhausted());
    }
}
