package live.catwalk.adapters.fly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(5, Duration.ofMillis(500), Duration.ofSeconds(8), pause -> {
    }, new SplittableRandom(7));

    @Test
    void pausesDoubleWithJitterUpToTheCap() {
        for (int retry = 0; retry < 8; retry++) {
            long ceiling = Math.min(8000, 500L << retry);
            for (int draw = 0; draw < 50; draw++) {
                long pause = backoff.pause(retry, Optional.empty()).toMillis();
                assertTrue(pause >= ceiling / 2 && pause <= ceiling, retry + ": " + pause);
            }
        }
    }

    @Test
    void retryAfterIsHonouredUpToTheCap() {
        assertEquals(Duration.ofSeconds(2), backoff.pause(0, Backoff.retryAfter(Optional.of("2"))));
        assertEquals(Duration.ofSeconds(8), backoff.pause(0, Backoff.retryAfter(Optional.of("120"))));
        assertEquals(Optional.empty(), Backoff.retryAfter(Optional.of("Wed, 21 Oct 2026 07:28:00 GMT")));
    }
}
