package live.catwalk.core.mcp.domain.http;

import java.time.Duration;

/**
 * The events of one SSE connection, pulled by the transport. Thread-confined to the transport's writer,
 * except {@link #close()}, which may be called from anywhere.
 */
public interface SseSource extends AutoCloseable {

    /**
     * The next frame, waiting up to {@code maxWait}; {@code null} when nothing arrived in time (the
     * transport then writes a heartbeat comment, which also detects a vanished client). After
     * {@link SseFrame#END} has been returned, returns it again.
     */
    SseFrame poll(Duration maxWait) throws InterruptedException;

    /**
     * The connection ended, written out or broken. Undelivered events stay available for a resume with
     * {@code Last-Event-ID}. Idempotent.
     */
    @Override
    void close();
}
