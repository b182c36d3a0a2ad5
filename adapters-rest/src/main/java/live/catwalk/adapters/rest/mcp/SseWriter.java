package live.catwalk.adapters.rest.mcp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import live.catwalk.core.mcp.domain.http.SseFrame;
import live.catwalk.core.mcp.domain.http.SseSource;

/**
 * Writes an event stream frame by frame, flushing each, and a comment line when nothing happened for a
 * heartbeat interval: that keeps proxies from closing an idle stream and finds clients that vanished (a
 * write to their connection fails). Whatever was not delivered stays in core for a resume.
 */
final class SseWriter {

    private static final byte[] HEARTBEAT = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final System.Logger LOG = System.getLogger(SseWriter.class.getName());

    private SseWriter() {
    }

    /** Runs on the request's (virtual) thread until the stream ends or the client goes. */
    static void write(SseSource source, OutputStream out, Duration heartbeat) {
        try (source) {
            out.flush();
            while (true) {
                SseFrame frame = source.poll(heartbeat);
                if (frame == null) {
                    out.write(HEARTBEAT);
                } else if (frame instanceof SseFrame.Event event) {
                    out.write(encode(event));
                } else {
                    return;
                }
                out.flush();
            }
        } catch (IOException clientGone) {
            LOG.log(System.Logger.Level.DEBUG, "event stream client went away");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
