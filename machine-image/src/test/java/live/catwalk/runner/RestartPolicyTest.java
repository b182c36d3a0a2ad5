package live.catwalk.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    private static final long SECOND = 1_000_000_000L;
    private static final Duration BRIEFLY = Duration.ofMillis(100);

    private final RestartPolicy policy = new RestartPolicy(Duration.ofMillis(500), Duration.ofSeconds(30),
            Duration.ofSeconds(30), 5, Duration.ofSeconds(60));

    @Test
    void doublesTheDelayOnEachQuickExitUpToTheCap() {
        RestartPolicy uncapped = new RestartPolicy(Duration.ofMillis(500), Duration.ofSeconds(3),
                Duration.ofSeconds(30), 100, Duration.ofSeconds(1));

        assertEquals(ms(500), uncapped.onExit(0, BRIEFLY).restartIn());
        assertEquals(ms(1000), uncapped.onExit(10 * SECOND, BRIEFLY).restartIn());
        assertEquals(ms(2000), uncapped.onExit(20 * SECOND, BRIEFLY).restartIn());
        assertEquals(ms(3000), uncapped.onExit(30 * SECOND, BRIEFLY).restartIn());
        assertEquals(ms(3000), uncapped.onExit(40 * SECOND, BRIEFLY).restartIn());
    }

    @Test
    void startsOverFromTheInitialDelayAfterAHealthyRun() {
        policy.onExit(0, BRIEFLY);
        policy.onExit(SECOND, BRIEFLY);

        assertEquals(ms(500), policy.onExit(100 * SECOND, Duration.ofSeconds(31)).restartIn());
    }

    @Test
    void givesUpOnTheFifthExitWithinTheWindow() {
        for (int i = 0; i < 4; i++) {
            assertEquals(true, policy.onExit(i * SECOND, BRIEFLY).restartIn().isPresent());
        }

        assertEquals(new RestartPolicy.Decision(Optional.empty(), 5), policy.onExit(59 * SECOND, BRIEFLY));
    }

    @Test
    void forgetsExitsOlderThanTheWindow() {
        for (int i = 0; i < 4; i++) {
            policy.onExit(i * SECOND, BRIEFLY);
        }

        assertEquals(2, policy.onExit(63 * SECOND, BRIEFLY).recentExits());
    }

    private static Optional<Duration> ms(long millis) {
        return Optional.of(Duration.ofMillis(millis));
    }
}
