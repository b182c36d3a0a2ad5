package live.catwalk.core.mcp.engine.session;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A session's events in order, bounded in count and bytes: the oldest go first, a stream nobody reads
 * keeps only a small tail (its newest event at least), and a complete stream whose last event went, and
 * that has no reader, is forgotten. Every byte kept counts against the shared {@link RetainedBytes}.
 * Not thread-safe: its session's lock guards it, except {@link #oldestOrder}.
 */
final class EventLog {

    private final int maxEvents;
    private final long maxBytes;
    private final RetainedBytes shared;
    private final ArrayDeque<LoggedEvent> events = new ArrayDeque<>();
    private long bytes;
    private long nextSeq = 1;
    /** The shared order of the oldest event kept, or {@code Long.MAX_VALUE}; read without the lock. */
    private volatile long oldestOrder = Long.MAX_VALUE;
    /** After {@link #clear}: events still reach their readers, but no longer count or evict. */
    private boolean cleared;

    EventLog(int maxEvents, long maxBytes, RetainedBytes shared) {
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
        this.shared = shared;
    }

    /** Appends an event to {@code stream} and evicts what exceeds the bounds from {@code streams}. */
    void append(McpStream stream, String data, OptionalLong retry, Map<Integer, McpStream> streams) {
        LoggedEvent event = new LoggedEvent(nextSeq++, stream.number, data, retry, shared.nextOrder());
        stream.events.add(event);
        if (cleared) {
            return;
        }
        stream.bytes += event.bytes();
        events.add(event);
        bytes += event.bytes();
        shared.add(event.bytes());
        while ((events.size() > maxEvents || bytes > maxBytes) && events.size() > 1) {
            drop(events.peek(), streams);
        }
        while (stream.connection == null && stream.bytes > shared.unreadTail() && stream.events.size() > 1) {
            drop(stream.events.peek(), streams);
        }
        oldestOrder = events.isEmpty() ? Long.MAX_VALUE : events.peek().order();
    }

    /** Drops the oldest event kept (for the shared budget); false when there is none. */
    boolean dropOldest(Map<Integer, McpStream> streams) {
        LoggedEvent oldest = events.peek();
        if (oldest == null || cleared) {
            oldestOrder = Long.MAX_VALUE;
            return false;
        }
        drop(oldest, streams);
        oldestOrder = events.isEmpty() ? Long.MAX_VALUE : events.peek().order();
        return true;
    }

    /** Forgets every event (the session ended): their bytes no longer count. */
    void clear() {
        if (cleared) {
            return;
        }
        cleared = true;
        shared.add(-bytes);
        bytes = 0;
        oldestOrder = Long.MAX_VALUE;
    }

    long oldestOrder() {
        return oldestOrder;
    }

    private void drop(LoggedEvent event, Map<Integer, McpStream> streams) {
        events.remove(event);
        bytes -= event.bytes();
        shared.add(-event.bytes());
        McpStream owner = streams.get(event.stream());
        if (owner != null) {
            if (owner.events.remove(event)) {
                owner.bytes -= event.bytes();
            }
            if (owner.complete() && owner.events.isEmpty() && owner.connection == null) {
                streams.remove(owner.number);
            }
        }
    }

    /** Whether {@code seq} could name an event of this log (issued already). */
    boolean issued(long seq) {
        return seq >= 0 && seq < nextSeq;
    }
}
