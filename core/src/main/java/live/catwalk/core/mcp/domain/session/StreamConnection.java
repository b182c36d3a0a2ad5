package live.catwalk.core.mcp.domain.session;

import java.time.Duration;
import live.catwalk.core.mcp.domain.http.SseFrame;
import live.catwalk.core.mcp.domain.http.SseSource;

/** One HTTP connection reading one stream of a session, from a cursor (the last event it has seen). */
final class StreamConnection implements SseSource {

    private final Session session;
    final McpStream stream;
    long cursor;
    boolean closed;

    StreamConnection(Session session, McpStream stream, long cursor) {
        this.session = session;
        this.stream = stream;
        this.cursor = cursor;
    }

    @Override
    public SseFrame poll(Duration maxWait) throws InterruptedException {
        return session.poll(this, maxWait);
    }

    @Override
    public void close() {
        session.detach(this);
    }
}
