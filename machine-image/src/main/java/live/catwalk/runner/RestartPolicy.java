package live.catwalk.runner;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Decides what follows an exit: restart after an exponential backoff (reset once a process has run
 * healthily for a while), or give up when too many exits fall within the crash-loop window. Time is
 * passed in as monotonic nanoseconds. Not thread-safe; one per channel, used by its supervision thread.
 */
final class RestartPolicy {

    /** What to do after an exit: restart after {@code restartIn}, or (when empty) give up. */
    record Decision(Optional<Duration> restartIn, int recentExits) {
    }

    private final Duration initial;
    private final Duration max;
    private final Duration healthyAfter;
    private final int maxExits;
    private final Duration window;
    private final ArrayDeque<Long> exits = new ArrayDeque<>();
    private int consecutiveFailures;

    RestartPolicy(Duration initial, Duration max, Duration healthyAfter, int maxExits, Duration window) {
        this.initial = initial;
        this.max = max;
        this.healthyAfter = healthyAfter;
        this.maxExits = maxExits;
        this.window = window;
    }

    static RestartPolicy of(Settings settings) {
        return new RestartPolicy(settings.backoffInitial(), settings.backoffMax(), settings.healthyAfter(),
                settings.crashLoopExits(), settings.crashLoopWindow());
    }

    /** Records an exit at {@code nowNanos} of a process that ran for {@code ranFor}. */
    Decision onExit(long nowNanos, Duration ranFor) {
        if (ranFor.compareTo(healthyAfter) >= 0) {
            consecutiveFailures = 0;
        }
        exits.addLast(nowNanos);
        while (nowNanos - exits.getFirst() > window.toNanos()) {
            exits.removeFirst();
        }
        if (exits.size() >= maxExits) {
            return new Decision(Optional.empty(), exits.size());
        }
        Duration delay = initial;
        for (int i = 0; i < consecutiveFailures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        consecutiveFailures++;
        return new Decision(Optional.of(delay.compareTo(max) > 0 ? max : delay), exits.size());
    }

    Duration window() {
        return window;
    }
}
