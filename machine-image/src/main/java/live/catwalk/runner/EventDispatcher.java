package live.catwalk.runner;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import live.catwalk.core.mcp.domain.StdioEvent;

/**
 * Delivers a channel's events to its consumer in order, one at a time. Lifecycle events are queued for the
 * delivery thread and never wait. A stdout line is delivered on the reading thread itself when nothing is
 * queued and no other event is being delivered (a slow consumer then pushes back on the child's stdout pipe),
 * else queued behind the rest, waiting while too much text is undelivered instead of buffering without bound.
 * Lines of a generation whose exit was already reported are dropped.
 */
final class EventDispatcher {

    private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());
    private static final int MAX_PENDING_CHARS = 16 * 1024 * 1024;
    private static final Object STOP = new Object();

    private final Consumer<StdioEvent> consumer;
    private final String label;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Semaphore pendingChars = new Semaphore(MAX_PENDING_CHARS);
    /** Held while an event is delivered, on whichever thread. */
    private final ReentrantLock delivering = new ReentrantLock();
    /** Events queued and not yet delivered (the STOP marker included). */
    private final AtomicInteger queued = new AtomicInteger();
    private volatile boolean halted;
    private final Thread thread;
    private int lastExited; // guarded by delivering
    private boolean stopped; // guarded by delivering

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
        enqueue(event);
    }

    /**
     * Delivers a stdout line now if nothing else is queued or being delivered, else queues it, waiting while too
     * much is undelivered; dropped once delivery stopped.
     */
    void line(StdioEvent.Line line, boolean inline) throws InterruptedException {
        if (inline && queued.get() == 0 && delivering.tryLock()) {
            try {
                if (queued.get() == 0) {
                    if (!stopped && !halted && line.generation() > lastExited) {
                        deliver(line);
                    }
                    return;
                }
            } finally {
                delivering.unlock();
            }
        }
        int weight = weight(line);
        while (!pendingChars.tryAcquire(weight, 100, TimeUnit.MILLISECONDS)) {
            if (halted || !thread.isAlive()) {
                return;
            }
        }
        enqueue(line);
    }

    /**
     * Delivers what is queued, then stops, waiting up to {@code timeout} (unless called on the delivery
     * thread itself, where the rest is delivered once the current event returns). A consumer still busy
     * after the timeout gets nothing more.
     */
    void finish(Duration timeout) throws InterruptedException {
        enqueue(STOP);
        if (isDeliveryThread()) {
            return;
        }
        if (!thread.join(timeout)) {
            halted = true;
            LOG.log(Level.WARNING, () -> label + ": the event consumer did not return within " + timeout.toMillis()
                    + " ms; no further events are delivered");
        }
    }

    /** Whether this thread is the delivery thread or is delivering an event now. */
    boolean isDeliveryThread() {
        return Thread.currentThread() == thread || delivering.isHeldByCurrentThread();
    }

    private void enqueue(Object event) {
        queued.incrementAndGet();
        queue.add(event);
    }

    private void run() {
        try {
            while (true) {
                Object next = queue.take();
                delivering.lock();
                try {
                    if (next == STOP || halted) {
                        stopped = true;
                        return;
                    }
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
                } finally {
                    queued.decrementAndGet();
                    delivering.unlock();
                }
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
