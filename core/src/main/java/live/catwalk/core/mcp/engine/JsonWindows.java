package live.catwalk.core.mcp.engine;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import live.catwalk.core.mcp.engine.session.McpStream;
import live.catwalk.core.mcp.engine.session.Session;

/**
 * The JSON windows of the POSTs waiting for their answers, ended by one ticker instead of a timer per request
 * (a timed wait per request cost a timer set and cancelled on every call). A POST registers when it starts
 * waiting; every tick ends the windows that are due. A window lasts at least its configured length and at most
 * two ticks more (a tick is a tenth of the window, 1–25 ms). Ticks are counted, not timed: no clock is read.
 * The ticker is a daemon thread started with the first window; {@link #close} stops it and ends every window
 * still open. Thread-safe.
 */
final class JsonWindows implements AutoCloseable {

    private static final long SHORTEST_TICK = Duration.ofMillis(1).toNanos();
    private static final long LONGEST_TICK = Duration.ofMillis(25).toNanos();

    private record Due(Session session, McpStream stream, long atTick) {
    }

    private final boolean ticking;
    private final boolean none;
    private final Duration tick;
    private final long ticksPerWindow;
    private final ConcurrentLinkedQueue<Due> due = new ConcurrentLinkedQueue<>();
    private final AtomicLong ticks = new AtomicLong();
    private final Object lifecycle = new Object();
    private volatile boolean started;
    private Thread ticker; // guarded by lifecycle
    private volatile boolean closed;

    JsonWindows(Duration window) {
        this(window, true);
    }

    /** {@code ticking} false: no ticker thread, whoever holds it calls {@link #tick} (tests). */
    JsonWindows(Duration window, boolean ticking) {
        this.ticking = ticking;
        this.none = window.isZero() || window.isNegative();
        long windowNanos = Math.max(window.toNanos(), 1);
        long tickNanos = Math.clamp(windowNanos / 10, SHORTEST_TICK, LONGEST_TICK);
        this.tick = Duration.ofNanos(tickNanos);
        // registered between two ticks: the (n+1)th tick after it comes at least n ticks later
        this.ticksPerWindow = (windowNanos + tickNanos - 1) / tickNanos + 1;
    }

    /** Starts the window of a POST stream that is about to wait for its answers. */
    void open(Session session, McpStream stream) {
        if (none || !start()) {
            session.endWindow(stream);
            return;
        }
        due.add(new Due(session, stream, ticks.get() + ticksPerWindow));
        if (closed) { // closed meanwhile: no tick will come
            endAll();
        }
    }

    /** One tick: ends the windows that are due. The ticker calls it; tests may too. */
    synchronized void tick() {
        long now = ticks.incrementAndGet();
        for (Due d = due.peek(); d != null && d.atTick() <= now; d = due.peek()) {
            due.poll();
            d.session().endWindow(d.stream());
        }
    }

    /** Stops the ticker and ends every window still open (their POSTs answer now). Idempotent. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            closed = true;
            if (ticker != null) {
                ticker.interrupt();
            }
        }
        endAll();
    }

    private void endAll() {
        for (Due d = due.poll(); d != null; d = due.poll()) {
            d.session().endWindow(d.stream());
        }
    }

    /** Starts the ticker once; false when closed. */
    private boolean start() {
        if (closed) {
            return false;
        }
        if (started) {
            return true;
        }
        synchronized (lifecycle) {
            if (closed) {
                return false;
            }
            if (ticker == null && ticking) {
                ticker = Thread.ofPlatform().daemon().name("catwalk-json-windows").start(this::run);
            }
            started = true;
            return true;
        }
    }

    private void run() {
        while (true) {
            try {
                Thread.sleep(tick);
            } catch (InterruptedException closing) {
                return;
            }
            tick();
        }
    }
}
