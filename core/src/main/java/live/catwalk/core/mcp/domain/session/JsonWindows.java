package live.catwalk.core.mcp.domain.session;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Ends the JSON windows of POSTs waiting for their answers, from one daemon thread that looks every
 * {@link #TICK} while any window is open and sleeps while none is; a waiting POST then waits without a timer
 * of its own (on a virtual thread each timed wait schedules and cancels one). A window ends up to one tick late.
 */
final class JsonWindows {

    static final Duration TICK = Duration.ofMillis(10);
    private static final JsonWindows SHARED = new JsonWindows();

    /** One POST's window: {@link #passed()} turns true (and its condition is signalled) once it ends. */
    static final class Window {

        private final ReentrantLock lock;
        private final Condition changed;
        private final long deadline;
        private volatile boolean passed;
        private volatile boolean closed;

        private Window(ReentrantLock lock, Condition changed, long deadline) {
            this.lock = lock;
            this.changed = changed;
            this.deadline = deadline;
        }

        /** Whether the window ended; read holding the lock, after a wake-up. */
        boolean passed() {
            return passed;
        }

        /** The POST stopped waiting: the window needs no ending. */
        void close() {
            closed = true;
        }

        private void end() {
            lock.lock();
            try {
                passed = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private final ConcurrentLinkedQueue<Window> open = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean sleeping;

    private JsonWindows() {
        thread = Thread.ofPlatform().daemon().name("catwalk-json-windows").unstarted(this::run);
        thread.start();
    }

    /** Opens a window of {@code length} for a POST waiting on {@code changed} of {@code lock}. */
    static Window open(ReentrantLock lock, Condition changed, Duration length) {
        Window window = new Window(lock, changed, System.nanoTime() + length.toNanos());
        SHARED.open.add(window);
        if (SHARED.sleeping) {
            LockSupport.unpark(SHARED.thread);
        }
        return window;
    }

    private void run() {
        while (true) {
            if (open.isEmpty()) {
                sleeping = true;
                if (open.isEmpty()) {
                    LockSupport.park(this);
                }
                sleeping = false;
                continue;
            }
            LockSupport.parkNanos(this, TICK.toNanos());
            long now = System.nanoTime();
            for (Iterator<Window> it = open.iterator(); it.hasNext(); ) {
                Window window = it.next();
                if (window.closed) {
                    it.remove();
                } else if (now - window.deadline >= 0) {
                    it.remove();
                    try {
                        window.end();
                    } catch (RuntimeException | Error e) {
                        // never leave the other windows open; the waiter sees passed on its next wake-up
                    }
                }
            }
        }
    }
}
