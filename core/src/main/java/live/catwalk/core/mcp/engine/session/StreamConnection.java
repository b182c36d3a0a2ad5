package live.catwalk.core.mcp.engine.session;

import java.time.Duration;
import live.catwalk.core.mcp.domain.http.SseFrame;
import live.catwalk.core.mcp.domain.http.SseSource;

/**
 * One HTTP connection reading one stream of a session, from a cursor (the last event it has seen). It
 * ends when its stream is complete, when its session ends, when it is closed, or when a newer reader of
 * the same stream takes over.
 */
final class StreamConnection implements SseSource {

    private final Session session;
    final McpStream stream;
    private long cursor;
    private boolean closed;

    StreamConnection(Session session, McpStream stream, long cursor) {
        this.session = session;
        this.stream = stream;
        this.cursor = cursor;
    }

    @Override
    public SseFrame poll(Duration maxWait) throws InterruptedException {
        session.lock().lock();
        try {
            long nanos = maxWait.toNanos();
            while (true) {
                if (closed || stream.connection != this) {
                    return SseFrame.END;
                }
                LoggedEvent next = stream.after(cursor);
                if (next != null) {
                    cursor = next.seq();
                    stream.delivered = Math.max(stream.delivered, next.seq());
                    return new SseFrame.Event(next.id(), next.data(), next.retryMillis());
                }
                if (session.endedLocked() || stream.complete()) {
                    return SseFrame.END;
                }
                if (nanos <= 0) {
                    return null;
                }
                nanos = stream.changed.awaitNanos(nanos);
            }
        } finally {
            session.lock().unlock();
        }
    }

    @Override
    public void close() {
        session.lock().lock();
        try {
            closed = true;
            if (stream.connection == this) {
                stream.connection = null;
            }
            stream.changed.signalAll();
        } finally {
            session.lock().unlock();
        }
    }
}
