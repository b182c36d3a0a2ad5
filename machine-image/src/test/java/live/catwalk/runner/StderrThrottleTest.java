package live.catwalk.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StderrThrottleTest {

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final StderrThrottle throttle = new StderrThrottle(20, 200, now::get);

    private int logged(int lines) {
        int logged = 0;
        for (int i = 0; i < lines; i++) {
            logged += throttle.offer().log() ? 1 : 0;
        }
        return logged;
    }

    @Test
    void aBurstOfTwoHundredPassesThenLinesAreDropped() {
        assertEquals(200, logged(10_000));
    }

    @Test
    void theBucketRefillsAtTwentyLinesASecond() {
        logged(200);
        now.addAndGet(500_000_000L);

        assertEquals(10, logged(100));
    }

    @Test
    void droppedLinesAreReportedAtMostOnceASecondWithTheirCount() {
        logged(200);
        StderrThrottle.Decision first = throttle.offer();
        assertEquals(new StderrThrottle.Decision(false, 1), first, "the first drop is reported at once");
        for (int i = 0; i < 99; i++) {
            assertEquals(0, throttle.offer().suppressedToReport());
        }

        now.addAndGet(1_000_000_000L);
        StderrThrottle.Decision later = throttle.offer();

        assertEquals(true, later.log());
        assertEquals(99, later.suppressedToReport());
    }
}
