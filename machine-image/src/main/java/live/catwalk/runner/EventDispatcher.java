package live.catwalk.runner;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import live.catwalk.core.mcp.domain.StdioEvent;

/**
 * Delivers a channel's events to its consumer in order, from one thread. Lifecycle events never wait;
 * stdout lines wait while too much text is undelivered, which pushes back on the child's stdout pipe
 * instead of buffering without bound. Lines of a generation whose exit was already reported are dropped.
 */
final class EventDispatcher {

    private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());
    private static final int MAX_PENDING_CHARS = 16 * 1024 * 1024;
    private static final Object STOP = new Object();

    private final Consumer<StdioEvent> consumer;
    private final String label;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Semaphore pendingChars = new Semaphore(MAX_PENDING_CHARS);
    private volatile boolean halted;
    private final Thread thread;
    private int lastExited; // only touched by the delivery thread

    private EventDispatcher(Consumer<StdioEvent> consumer, String label, String threadName) {
        this.consumer = consumer;
        this.label = label;
        this.thread = Thread.ofVirtual().name(threadName).unstarted(this::run);
    }

    static EventDispatcher start(Consumer<StdioEvent> consumer, String label, String threadName) {
        EventDispatcher dispatcher = new EventDispatcher(consumer, label, threadName);
        dispatcher.thread.start();
        return dispatcher;
    }

    /** Queues a lifecycle event (Started, Exited, GaveUp); never blocks. */
    void lifecycle(StdioEvent event) {
        queue.add(event);
    }

    /** Queues a stdout line, waiting while too much is undelivered; dropped once delivery stopped. */
    void line(StdioEvent.Line line) throws InterruptedException {
        int weight = weight(line);
        while (!pendingChars.tryAcquire(weight, 100, TimeUnit.MILLISECONDS)) {
            if (halted || !thread.isAlive()) {
                return;
            }
        }
        queue.add(line);
    }

    /**
     * Delivers what is queued, then stops, waiting up to {@code timeout} (unless called on the delivery
     * thread itself, where the rest is delivered once the current event returns). A consumer still busy
     * after the timeout gets nothing more.
     */
    void finish(Duration timeout) throws InterruptedException {
        queue.add(STOP);
        if (Thread.currentThread() == thread) {
            return;
        }
        if (!thread.join(timeout)) {
            halted = true;
            LOG.log(Level.WARNING, () -> label + ": the event consumer did not return within " + timeout.toMillis()
                    + " ms; no further events are delivered");
        }
    }

    boolean isDeliveryThread() {
        return Thread.currentThread() == thread;
    }

    private void run() {
        try {
            Object next;
            while ((next = queue.take()) != STOP && !halted) {
                StdioEvent event = (StdioEvent) next;
                if (event instanceof StdioEvent.Line line) {
                    pendingChars.release(weight(line));
                    if (line.generation() <= lastExited) {
                        continue;
                    }
                } else if (event instanceof StdioEvent.Exited exited) {
                    lastExited = exited.generation();
                }
                deliver(event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(StdioEvent event) {
        try {
            consumer.accept(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, label + ": the event consumer threw on " + event.getClass().getSimpleName(), e);
        }
    }

    private static int weight(StdioEvent.Line line) {
        return Math.max(1, Math.min(line.text().length(), MAX_PENDING_CHARS));
    }
}
