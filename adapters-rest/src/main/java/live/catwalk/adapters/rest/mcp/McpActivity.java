package live.catwalk.adapters.rest.mcp;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How busy the MCP endpoint is: the exchanges in flight (an open event stream counts until it ends), how long none
 * has been, which a runner reports so that an idle machine can be suspended, and the event streams being written,
 * which the metrics show. Thread-safe.
 */
public final class McpActivity {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger streams = new AtomicInteger();
    private volatile long lastEnded = System.nanoTime();

    /** Exchanges begun and not yet ended (their answers written in full, streams included). */
    public int inFlight() {
        return inFlight.get();
    }

    /** Zero while an exchange is in flight; otherwise how long ago the last one ended (or tracking began). */
    public Duration idle() {
        return inFlight.get() > 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - lastEnded);
    }

    /** Event streams (a POST's answer or a GET's) being written now. */
    public int streams() {
        return streams.get();
    }

    void streamBegan() {
        streams.incrementAndGet();
    }

    void streamEnded() {
        streams.decrementAndGet();
    }

    void began() {
        inFlight.incrementAndGet();
    }

    void ended() {
        lastEnded = System.nanoTime();
        inFlight.decrementAndGet();
    }
}
