package live.catwalk.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import live.catwalk.core.mcp.domain.StdioEvent;

/** An event consumer for tests: records every event, the threads that delivered them and whether two deliveries overlapped. */
final class RecordedEvents implements Consumer<StdioEvent> {

    static final Duration PATIENCE = Duration.ofSeconds(10);

    private final LinkedBlockingQueue<StdioEvent> pending = new LinkedBlockingQueue<>();
    private final List<StdioEvent> all = new ArrayList<>();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger delivering = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    @Override
    public void accept(StdioEvent event) {
        mostAtOnce.accumulateAndGet(delivering.incrementAndGet(), Math::max);
        try {
            threads.add(Thread.currentThread());
            Thread.onSpinWait(); // widens the window in which an overlapping delivery would be seen
            synchronized (all) {
                all.add(event);
            }
            pending.add(event);
        } finally {
            delivering.decrementAndGet();
        }
    }

    /** The next event not yet taken, waiting up to {@code timeout}; fails when none comes. */
    StdioEvent next(Duration timeout) throws InterruptedException {
        StdioEvent event = pending.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(event, () -> "no event within " + timeout.toMillis() + " ms; the last ones: " + recent());
        return event;
    }

    StdioEvent next() throws InterruptedException {
        return next(PATIENCE);
    }

    /** The next event, which must be of type {@code type}. */
    <T extends StdioEvent> T next(Class<T> type) throws InterruptedException {
        return assertInstanceOf(type, next(), () -> "the last events: " + recent());
    }

    /** Skips events until one of {@code type} comes. */
    <T extends StdioEvent> T skipTo(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            StdioEvent event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (type.isInstance(event)) {
                return type.cast(event);
            }
        }
    }

    /** Skips events until the line {@code text} comes; returns it. */
    StdioEvent.Line skipToLine(String text) throws InterruptedException {
        while (true) {
            StdioEvent.Line line = skipTo(StdioEvent.Line.class);
            if (line.text().equals(text)) {
                return line;
            }
        }
    }

    void expect(StdioEvent expected) throws InterruptedException {
        assertEquals(expected, next(), () -> "the last events: " + recent());
    }

    List<StdioEvent> all() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    /** The last few events, for failure messages. */
    List<StdioEvent> recent() {
        List<StdioEvent> events = all();
        return events.subList(Math.max(0, events.size() - 12), events.size());
    }

    Set<Thread> deliveryThreads() {
        return Set.copyOf(threads);
    }

    /** The most deliveries that ever ran at the same time: 1 when events came one at a time. */
    int mostDeliveriesAtOnce() {
        return mostAtOnce.get();
    }
}
