package live.catwalk.core.bite.domain;

import java.time.Clock;
import java.time.Instant;

// Allowed: the wall-clock rule must not flag time taken from an injected Clock.
public class ReadsAnInjectedClock {
    private final Clock clock;

    ReadsAnInjectedClock(Clock clock) {
        this.clock = clock;
    }

    Instant now() {
        return Instant.now(clock);
    }

    Instant alsoNow() {
        return clock.instant();
    }
}
