package live.catwalk.bootstrap.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import live.catwalk.core.health.domain.ComponentHealth;
import live.catwalk.core.health.domain.HealthStatus;
import live.catwalk.runner.Sandbox;
import org.junit.jupiter.api.Test;

class RuntimeHealthProbeTest {

    /** A clock a test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-12-04T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final HandClock clock = new HandClock();
    private final AtomicInteger launches = new AtomicInteger();
    private final AtomicReference<Optional<String>> outcome = new AtomicReference<>(Optional.empty());
    private final Sandboxes.Choice choice = new Sandboxes.Choice(Sandbox.none(), true, "off: as Catwalk's own user",
            () -> {
                launches.incrementAndGet();
                return outcome.get();
            });

    @Test
    void launchesAtMostOnceAPeriodWhoeverAsks() {
        var probe = new RuntimeHealthProbe(choice, clock, Duration.ofSeconds(60));

        for (int i = 0; i < 5; i++) {
            assertEquals(HealthStatus.OK, probe.probe().status());
        }
        assertEquals(0, launches.get(), "the start-up probe counts as the first launch");

        clock.advance(Duration.ofSeconds(60));
        probe.probe();
        probe.probe();
        assertEquals(1, launches.get());
    }

    @Test
    void aFailedTestLaunchIsDownWithoutTheHostDetailsAndUpAgainOnceItWorks() {
        var probe = new RuntimeHealthProbe(choice, clock, Duration.ofSeconds(60));
        outcome.set(Optional.of("planted for this test: bwrap does not work here: /home/catwalk/.catwalk/sandboxes: Permission denied"));

        clock.advance(Duration.ofSeconds(61));
        ComponentHealth down = probe.probe();

        assertEquals(HealthStatus.DOWN, down.status());
        assertTrue(down.detail().contains("test launch failed"), down.detail());
        assertFalse(down.detail().contains("/home"), down.detail());

        outcome.set(Optional.empty());
        clock.advance(Duration.ofSeconds(61));
        ComponentHealth up = probe.probe();
        assertEquals(HealthStatus.OK, up.status());
        assertEquals("off: as Catwalk's own user", up.detail());
    }

    @Test
    void launchingTrueAsCatwalksOwnUserWorksHere() {
        assertEquals(Optional.empty(), Sandboxes.launchTrue());
    }
}
