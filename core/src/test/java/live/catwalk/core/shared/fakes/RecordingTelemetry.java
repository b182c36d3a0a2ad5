package live.catwalk.core.shared.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import live.catwalk.core.shared.domain.TelemetryEvent;
import live.catwalk.core.shared.port.out.Telemetry;

/**
 * Keeps every event in order; its monotonic time advances by 1 ms at each reading, so a measured duration is the
 * number of readings in between times 1 ms. Thread-safe.
 */
public final class RecordingTelemetry implements Telemetry {

    /** How far each {@link #monotonicNanos} reading moves the time on. */
    public static final long TICK = 1_000_000;

    private final List<TelemetryEvent> events = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();

    @Override
    public synchronized void record(TelemetryEvent event) {
        events.add(event);
    }

    @Override
    public long monotonicNanos() {
        return now.addAndGet(TICK);
    }

    /** Every event so far, oldest first. */
    public synchronized List<TelemetryEvent> events() {
        return List.copyOf(events);
    }

    /** The events of one type so far, oldest first. */
    public synchronized <E extends TelemetryEvent> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
