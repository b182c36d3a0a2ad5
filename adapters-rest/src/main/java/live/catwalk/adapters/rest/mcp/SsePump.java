package live.catwalk.adapters.rest.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import live.catwalk.core.mcp.domain.http.SseFrame;
import live.catwalk.core.mcp.domain.http.SseSource;
import org.glassfish.jersey.server.ChunkedOutput;

/**
 * Moves one event stream from core to the client on a virtual thread of its own: each event is written
 * and flushed as one chunk (Jersey's {@link ChunkedOutput}; a plain streamed entity would be buffered
 * to compute a Content-Length), and a comment line goes out when nothing happened for a heartbeat
 * interval, which keeps proxies from closing an idle stream and finds clients that vanished. Whatever
 * was not delivered stays in core for a resume.
 */
final class SsePump implements Runnable {

    private static final byte[] HEARTBEAT = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final System.Logger LOG = System.getLogger(SsePump.class.getName());

    private final SseSource source;
    private final ChunkedOutput<byte[]> output;
    private final Duration heartbeat;

    private SsePump(SseSource source, ChunkedOutput<byte[]> output, Duration heartbeat) {
        this.source = source;
        this.output = output;
        this.heartbeat = heartbeat;
    }

    /** The response entity for {@code source}; events flow into it until the stream ends or the client goes. */
    static ChunkedOutput<byte[]> start(SseSource source, Duration heartbeat) {
        ChunkedOutput<byte[]> output = new ChunkedOutput<>(byte[].class);
        Thread.ofVirtual().name("mcp-sse").start(new SsePump(source, output, heartbeat));
        return output;
    }

    @Override
    public void run() {
        try (source) {
            while (true) {
                SseFrame frame = source.poll(heartbeat);
                if (frame == null) {
                    output.write(HEARTBEAT);
                } else if (frame instanceof SseFrame.Event event) {
                    output.write(encode(event));
                } else {
                    return;
                }
            }
        } catch (IOException clientGone) {
            LOG.log(System.Logger.Level.DEBUG, "event stream client went away");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                output.close();
            } catch (IOException alreadyGone) {
                LOG.log(System.Logger.Level.DEBUG, "event stream closed by the client");
            }
        }
    }

    static byte[] encode(SseFrame.Event event) {
        StringBuilder text = new StringBuilder(event.data().length() + 48);
        if (event.id() != null) {
            text.append("id: ").append(event.id()).append('\n');
        }
        event.retryMillis().ifPresent(retry -> text.append("retry: ").append(retry).append('\n'));
        text.append("data: ").append(event.data()).append("\n\n");
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
