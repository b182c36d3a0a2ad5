package live.catwalk.adapters.fly;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import live.catwalk.core.mcp.domain.http.SseFrame;
import live.catwalk.core.mcp.domain.http.SseSource;

/**
 * An event stream read from a runner and handed on frame by frame as it arrives, without buffering the stream: a
 * virtual thread parses {@code text/event-stream} ({@code id}, {@code data}, {@code retry}; comments, which are
 * heartbeats, dropped) into a small queue the transport polls. A data line longer than {@value #MAX_LINE} characters,
 * or an event of several data lines (joined by a space, which keeps JSON intact), ends nothing: JSON-RPC messages are
 * single lines. The stream ends when the runner ends it, breaks it, or the client goes ({@link #close}).
 */
final class RemoteEvents implements SseSource {

    /** The longest line read; a longer one ends the stream (a runner never sends one). */
    static final int MAX_LINE = 16 * 1024 * 1024;
    private static final System.Logger LOG = System.getLogger(RemoteEvents.class.getName());

    private final InputStream body;
    private final BlockingQueue<SseFrame> frames = new ArrayBlockingQueue<>(64);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean ended;

    RemoteEvents(InputStream body, String deploymentId) {
        this.body = body;
        Thread.ofVirtual().name("catwalk-runner-events-" + deploymentId).start(this::read);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            StringBuilder data = null;
            OptionalLong retry = OptionalLong.empty();
            String line;
            while (!closed.get() && (line = in.readLine()) != null) {
                if (line.length() > MAX_LINE) {
                    break;
                }
                if (line.isEmpty()) {
                    if (data != null) {
                        frames.put(new SseFrame.Event(id, data.toString(), retry));
                    }
                    id = null;
                    data = null;
                    retry = OptionalLong.empty();
                } else if (line.startsWith("data:")) {
                    String value = field(line, 5);
                    data = data == null ? new StringBuilder(value) : data.append(' ').append(value);
                } else if (line.startsWith("id:")) {
                    id = field(line, 3);
                } else if (line.startsWith("retry:")) {
                    try {
                        retry = OptionalLong.of(Long.parseLong(field(line, 6).strip()));
                    } catch (NumberFormatException e) {
                        retry = OptionalLong.empty();
                    }
                }
            }
        } catch (IOException e) {
            if (!closed.get()) {
                LOG.log(System.Logger.Level.DEBUG, "a runner's event stream broke: " + e.getClass().getSimpleName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ended = true;
            frames.offer(SseFrame.END);
        }
    }

    /** A field's value: what follows its name and colon, less one leading space (the SSE rule). */
    private static String field(String line, int after) {
        return line.length() > after && line.charAt(after) == ' ' ? line.substring(after + 1) : line.substring(after);
    }

    @Override
    public SseFrame poll(Duration maxWait) throws InterruptedException {
        SseFrame frame = frames.poll(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == SseFrame.END || (frame == null && ended && frames.isEmpty())) {
            frames.offer(SseFrame.END);
            return SseFrame.END;
        }
        return frame;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                body.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing a runner's event stream: " + e.getMessage());
            }
            frames.clear();
            frames.offer(SseFrame.END);
        }
    }
}
