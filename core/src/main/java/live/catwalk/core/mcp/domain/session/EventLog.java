package live.catwalk.core.mcp.domain.session;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A session's events in order, bounded in count and bytes: the oldest go first, and a complete stream
 * whose last event went, and that has no reader, is forgotten. Not thread-safe: its session's lock guards it.
 */
final class EventLog {

    private final int maxEvents;
    private final long maxBytes;
    private final ArrayDeque<LoggedEvent> events = new ArrayDeque<>();
    private long bytes;
    private long nextSeq = 1;

    EventLog(int maxEvents, long maxBytes) {
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
    }

    /** Appends an event to {@code stream} and evicts what exceeds the bounds from {@code streams}. */
    void append(McpStream stream, String data, OptionalLong retry, Map<Integer, McpStream> streams) {
        LoggedEvent event = new LoggedEvent(nextSeq++, stream.number, data, retry);
        stream.events.add(event);
        events.add(event);
        bytes += event.bytes();
        while ((events.size() > maxEvents || bytes > maxBytes) && events.size() > 1) {
            LoggedEvent oldest = events.poll();
            bytes -= oldest.bytes();
            McpStream owner = streams.get(oldest.stream());
            if (owner != null) {
                owner.events.remove(oldest);
                if (owner.complete() && owner.events.isEmpty() && owner.connection == null) {
                    streams.remove(owner.number);
                }
            }
        }
    }

    /** Whether {@code seq} could name an event of this log (issued already). */
    boolean issued(long seq) {
        return seq >= 0 && seq < nextSeq;
    }
}
