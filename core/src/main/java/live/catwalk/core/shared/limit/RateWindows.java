package live.catwalk.core.shared.limit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Counts events per key in fixed windows of one {@link RateLimit}: a key's window starts at its first event (or its
 * first after the last window ended) and admits {@code count} events. Memory is bounded: at most {@code maxKeys} keys
 * are remembered, ended windows are dropped as they are met, and a new key at the bound evicts the key whose window
 * started first. So a caller with ever new keys (addresses, token prefixes) can make the limiter forget an old key,
 * never make it grow. Time comes from the injected clock. Thread-safe; each call is O(1) amortised.
 */
public final class RateWindows {

    /** The default bound on remembered keys. */
    public static final int DEFAULT_KEYS = 10_000;

    private final RateLimit limit;
    private final int maxKeys;
    private final Clock clock;
    /** Insertion order is window-start order: a key whose window restarts is removed and put again. */
    private final Map<String, Window> windows = new LinkedHashMap<>();

    /** One key's current window. */
    private static final class Window {
        private final Instant start;
        private int events;

        private Window(Instant start) {
            this.start = start;
        }
    }

    public RateWindows(RateLimit limit, int maxKeys, Clock clock) {
        this.limit = Objects.requireNonNull(limit, "limit");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be positive: " + maxKeys);
        }
        this.maxKeys = maxKeys;
    }

    public RateLimit limit() {
        return limit;
    }

    /**
     * Counts one event of {@code key} if its window has room for it (empty); otherwise counts nothing and returns how
     * long until its window ends.
     */
    public synchronized Optional<Duration> tryAcquire(String key) {
        Instant now = clock.instant();
        Window w = current(key, now, true);
        if (w.events >= limit.count()) {
            return Optional.of(untilEnd(w, now));
        }
        w.events++;
        return Optional.empty();
    }

    /**
     * Counts one event of {@code key} whether or not its window has room (a failure that already happened); returns
     * how many its window has now.
     */
    public synchronized int record(String key) {
        Window w = current(key, clock.instant(), true);
        if (w.events < Integer.MAX_VALUE) {
            w.events++;
        }
        return w.events;
    }

    /** How long until {@code key}'s window ends, when it has no room left; empty when it has (nothing is counted). */
    public synchronized Optional<Duration> exhausted(String key) {
        Instant now = clock.instant();
        Window w = current(key, now, false);
        return w != null && w.events >= limit.count() ? Optional.of(untilEnd(w, now)) : Optional.empty();
    }

    /** Whether no key has a live window (ended ones are dropped first): a cheap check before any parsing. */
    public synchronized boolean idle() {
        dropEnded(clock.instant());
        return windows.isEmpty();
    }

    /** How many keys are remembered. */
    public synchronized int size() {
        return windows.size();
    }

    /** The key's live window, a new one when {@code create} (else null) if it has none or its window ended. */
    private Window current(String key, Instant now, boolean create) {
        Objects.requireNonNull(key, "key");
        Window w = windows.get(key);
        if (w != null && !ended(w, now)) {
            return w;
        }
        if (w != null) {
            windows.remove(key);
        }
        if (!create) {
            return null;
        }
        dropEnded(now);
        if (windows.size() >= maxKeys) {
            Iterator<Window> oldest = windows.values().iterator();
            oldest.next();
            oldest.remove();
        }
        Window fresh = new Window(now);
        windows.put(key, fresh);
        return fresh;
    }

    /** Drops ended windows from the oldest end, stopping at the first live one (all after it started later). */
    private void dropEnded(Instant now) {
        Iterator<Window> it = windows.values().iterator();
        while (it.hasNext() && ended(it.next(), now)) {
            it.remove();
        }
    }

    private boolean ended(Window w, Instant now) {
        return !now.isBefore(w.start.plus(limit.window()));
    }

    private Duration untilEnd(Window w, Instant now) {
        return Duration.between(now, w.start.plus(limit.window()));
    }
}
