package live.catwalk.core.shared.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import live.catwalk.core.mcp.fakes.MutableClock;
import org.junit.jupiter.api.Test;

class RateWindowsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private RateWindows windows(int count, Duration window, int maxKeys) {
        return new RateWindows(new RateLimit(count, window), maxKeys, clock);
    }

    @Test
    void admitsTheCountInAWindowThenRefusesWithTheTimeLeftUntilItEnds() {
        RateWindows w = windows(3, Duration.ofMinutes(1), 10);
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), w.tryAcquire("a"), "event " + i);
        }
        clock.advance(Duration.ofSeconds(20));

        assertEquals(Optional.of(Duration.ofSeconds(40)), w.tryAcquire("a"));
        assertEquals(Optional.of(Duration.ofSeconds(40)), w.exhausted("a"));
    }

    @Test
    void aKeyIsAdmittedAgainOnceItsWindowEnded() {
        RateWindows w = windows(1, Duration.ofMinutes(1), 10);
        w.tryAcquire("a");
        clock.advance(Duration.ofSeconds(59));
        assertTrue(w.tryAcquire("a").isPresent());

        clock.advance(Duration.ofSeconds(1));

        assertEquals(Optional.empty(), w.tryAcquire("a"));
        assertTrue(w.tryAcquire("a").isPresent(), "the new window is full again");
    }

    @Test
    void keysAreCountedApart() {
        RateWindows w = windows(1, Duration.ofMinutes(1), 10);
        w.tryAcquire("a");

        assertEquals(Optional.empty(), w.tryAcquire("b"));
        assertTrue(w.tryAcquire("a").isPresent());
    }

    @Test
    void recordCountsPastTheLimitWhileExhaustedOnlyLooks() {
        RateWindows w = windows(2, Duration.ofMinutes(1), 10);
        assertEquals(Optional.empty(), w.exhausted("a"));
        assertEquals(1, w.record("a"));
        assertEquals(Optional.empty(), w.exhausted("a"));
        assertEquals(Optional.empty(), w.exhausted("a"), "looking counts nothing");
        assertEquals(2, w.record("a"));
        assertEquals(3, w.record("a"));

        assertEquals(Optional.of(Duration.ofMinutes(1)), w.exhausted("a"));
        assertEquals(Optional.empty(), w.exhausted("never-seen"));
        assertEquals(1, w.size(), "a key only looked at is not remembered");
    }

    @Test
    void manyKeysNeverGrowItPastItsBoundAndTheOldestWindowIsForgottenFirst() {
        RateWindows w = windows(1, Duration.ofMinutes(1), 100);
        w.tryAcquire("first");
        clock.advance(Duration.ofSeconds(1));
        w.tryAcquire("second");
        for (int i = 0; i < 10_000; i++) {
            w.tryAcquire("attacker-" + i);
            assertTrue(w.size() <= 100, "size " + w.size() + " after " + i);
        }
        assertEquals(100, w.size());

        assertEquals(Optional.empty(), w.tryAcquire("first"), "forgotten, so admitted again");
        assertTrue(w.tryAcquire("attacker-9999").isPresent(), "the newest keys are still counted");
    }

    @Test
    void endedWindowsAreDroppedAsNewKeysArrive() {
        RateWindows w = windows(1, Duration.ofMinutes(1), 100);
        for (int i = 0; i < 50; i++) {
            w.tryAcquire("old-" + i);
        }
        clock.advance(Duration.ofMinutes(1));

        w.tryAcquire("new");

        assertEquals(1, w.size());
        assertFalse(w.idle());
        clock.advance(Duration.ofMinutes(1));
        assertTrue(w.idle(), "every window ended");
        assertEquals(0, w.size());
    }

    @Test
    void aRateLimitSaysItselfInWordsAndRefusesNonsense() {
        assertEquals("10 failed authentications a minute",
                new RateLimit(10, Duration.ofMinutes(1)).describe("failed authentications"));
        assertEquals("20 registrations an hour", new RateLimit(20, Duration.ofHours(1)).describe("registrations"));
        assertEquals("5 analyses every 10 minutes", new RateLimit(5, Duration.ofMinutes(10)).describe("analyses"));
        assertEquals("1 request every 90 seconds", new RateLimit(1, Duration.ofSeconds(90)).describe("request"));
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(0, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(1, Duration.ofMillis(500)));
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(1, Duration.ofDays(2)));
    }
}
