package live.catwalk.runner;

import java.util.function.LongSupplier;

/**
 * How many of one channel's stderr lines reach the operator's log: a token bucket ({@code perSecond}
 * lines a second, bursts up to {@code burst}); lines over it are counted instead, and the count is reported
 * at most once per second, with a line that arrives after it. Thread-safe.
 */
final class StderrThrottle {

    static final int PER_SECOND = 20;
    static final int BURST = 200;
    private static final long SECOND = 1_000_000_000L;

    /** Whether to log a line, and how many lines were dropped before it that are now to be reported (else 0). */
    record Decision(boolean log, long suppressedToReport) {
    }

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;
    private long suppressed;
    private long lastReport;

    StderrThrottle(int perSecond, int burst, LongSupplier nanoTime) {
        this.perNano = perSecond / (double) SECOND;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
        this.lastReport = last - SECOND;
    }

    static StderrThrottle standard() {
        return new StderrThrottle(PER_SECOND, BURST, System::nanoTime);
    }

    synchronized Decision offer() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        boolean log = tokens >= 1;
        if (log) {
            tokens -= 1;
        } else {
            suppressed++;
        }
        long report = 0;
        if (suppressed > 0 && now - lastReport >= SECOND) {
            report = suppressed;
            suppressed = 0;
            lastReport = now;
        }
        return new Decision(log, report);
    }
}
