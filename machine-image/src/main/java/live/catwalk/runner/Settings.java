package live.catwalk.runner;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a {@link ProcessSupervisor} is configured with; validated here, once. Sizes are in bytes
 * except the stderr ring, which counts characters.
 */
record Settings(
        Map<String, String> baseEnvironment,
        int maxLineBytes,
        int stderrMaxLines,
        int stderrMaxChars,
        Duration backoffInitial,
        Duration backoffMax,
        Duration healthyAfter,
        int crashLoopExits,
        Duration crashLoopWindow,
        Duration stdinGrace,
        Duration termGrace,
        int sendQueueLines,
        long sendQueueBytes) {

    static final int DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024;
    static final int DEFAULT_STDERR_LINES = 500;
    static final int DEFAULT_STDERR_CHARS = 256 * 1024;
    static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofMillis(500);
    static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(30);
    static final Duration DEFAULT_HEALTHY_AFTER = Duration.ofSeconds(30);
    static final int DEFAULT_CRASH_LOOP_EXITS = 5;
    static final Duration DEFAULT_CRASH_LOOP_WINDOW = Duration.ofSeconds(60);
    static final Duration DEFAULT_STDIN_GRACE = Duration.ofSeconds(1);
    static final Duration DEFAULT_TERM_GRACE = Duration.ofSeconds(3);
    static final int DEFAULT_SEND_QUEUE_LINES = 1024;
    static final long DEFAULT_SEND_QUEUE_BYTES = 16L * 1024 * 1024;

    /** How long survivors of SIGKILL are waited for; the kernel needs only moments. */
    static final Duration KILL_WAIT = Duration.ofSeconds(1);

    Settings {
        baseEnvironment = Map.copyOf(Objects.requireNonNull(baseEnvironment, "baseEnvironment"));
        atLeast("maxLineBytes", maxLineBytes, 16);
        atLeast("stderrMaxLines", stderrMaxLines, 1);
        atLeast("stderrMaxChars", stderrMaxChars, 1);
        positive("backoffInitial", backoffInitial);
        positive("backoffMax", backoffMax);
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("backoffMax must not be shorter than backoffInitial");
        }
        positive("healthyAfter", healthyAfter);
        atLeast("crashLoopExits", crashLoopExits, 1);
        positive("crashLoopWindow", crashLoopWindow);
        notNegative("stdinGrace", stdinGrace);
        notNegative("termGrace", termGrace);
        atLeast("sendQueueLines", sendQueueLines, 1);
        if (sendQueueBytes < 1) {
            throw new IllegalArgumentException("sendQueueBytes must be positive: " + sendQueueBytes);
        }
    }

    private static void atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
        }
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    private static void notNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
    }
}
