package live.catwalk.core.mcp.engine.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.Condition;

/**
 * One logical stream of a session: the answer stream of one POST, or the session's standalone stream
 * (number 0) for messages unrelated to any request. Mutable; every method runs under its session's
 * lock, so only {@link Session} touches the state.
 */
public final class McpStream {

    enum Mode { PENDING, JSON, SSE }

    final int number;
    /** Signalled (under the session's lock) when this stream changes; only its POST and reader wait on it. */
    final Condition changed;
    Mode mode;
    /** Requests of this stream not answered yet; the POST stream is complete at zero. */
    int open;
    /** Messages (JSON lines) that arrived before the POST chose between JSON and SSE. */
    final List<String> early = new ArrayList<>();
    /** Whether something other than a response arrived while the POST was still choosing. */
    boolean sawOther;
    /** Whether the POST's JSON window is over: it answers with what it has, as SSE if anything is missing. */
    boolean windowOver;
    /** The newest event sequence number any reader of this stream has received. */
    long delivered;
    final ArrayDeque<LoggedEvent> events = new ArrayDeque<>();
    /** What {@link #events} count against the budgets. */
    long bytes;
    StreamConnection connection;
    /** The POST waiting for this stream's answer without a thread ({@link Session#answerWhenReady}), if any. */
    Session.Waiting waiting;

    McpStream(int number, int requests, Condition changed) {
        this.number = number;
        this.changed = changed;
        this.open = requests;
        this.mode = number == 0 ? Mode.SSE : Mode.PENDING;
    }

    boolean standalone() {
        return number == 0;
    }

    boolean complete() {
        return !standalone() && open <= 0;
    }

    /** The first kept event after {@code cursor}, or null. Searches from the newest end: usually 1 step. */
    LoggedEvent after(long cursor) {
        LoggedEvent found = null;
        for (Iterator<LoggedEvent> it = events.descendingIterator(); it.hasNext(); ) {
            LoggedEvent e = it.next();
            if (e.seq() <= cursor) {
                break;
            }
            found = e;
        }
        return found;
    }

    @Override
    public String toString() {
        return "stream " + number;
    }
}
