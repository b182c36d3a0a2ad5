package live.catwalk.core.shared.limit;

import java.time.Duration;
import java.util.Objects;

/**
 * A rate: at most {@code count} events in a fixed {@code window} (1 second to 1 day) per key. Counted by {@link
 * RateWindows}, whose windows start at a key's first event, so a key may see up to twice the count across the end of
 * one window and the start of the next.
 */
public record RateLimit(int count, Duration window) {

    public RateLimit {
        Objects.requireNonNull(window, "window");
        if (count < 1) {
            throw new IllegalArgumentException("a rate limit admits at least one event: " + count);
        }
        if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("a rate limit's window is 1 second to 1 day: " + window);
        }
    }

    /** The limit in words, e.g. {@code 10 failed authentications a minute} for {@code events} "failed authentications". */
    public String describe(String events) {
        return count + " " + events + " " + per();
    }

    /** A wait in whole seconds, rounded up and at least 1: what {@code Retry-After} and messages say. */
    public static long seconds(Duration wait) {
        long s = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, s);
    }

    /** {@code a minute}, {@code an hour}, {@code every 10 minutes}, … */
    private String per() {
        long s = window.toSeconds();
        if (s % 86_400 == 0) {
            return s == 86_400 ? "a day" : "every " + s / 86_400 + " days";
        }
        if (s % 3600 == 0) {
            return s == 3600 ? "an hour" : "every " + s / 3600 + " hours";
        }
        if (s % 60 == 0) {
            return s == 60 ? "a minute" : "every " + s / 60 + " minutes";
        }
        return s == 1 ? "a second" : "every " + s + " seconds";
    }
}
