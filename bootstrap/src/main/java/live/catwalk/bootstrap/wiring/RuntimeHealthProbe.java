package live.catwalk.bootstrap.wiring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import live.catwalk.core.health.domain.ComponentHealth;
import live.catwalk.core.health.port.out.HealthProbe;

/**
 * Whether this Catwalk can launch servers: a test launch the way servers are launched (in bubblewrap, or as
 * Catwalk's own user when the sandbox is off), repeated at most once a {@code period} whoever asks, so that an
 * anonymous health check cannot make Catwalk start processes. The startup probe counts as the first launch.
 * Deployments' own states are not part of it.
 */
final class RuntimeHealthProbe implements HealthProbe {

    static final Duration PERIOD = Duration.ofSeconds(60);
    private static final System.Logger LOG = System.getLogger(RuntimeHealthProbe.class.getName());

    private final Sandboxes.Choice choice;
    private final Clock clock;
    private final Duration period;
    private Instant checkedAt;
    private Optional<String> problem = Optional.empty();

    RuntimeHealthProbe(Sandboxes.Choice choice, Clock clock) {
        this(choice, clock, PERIOD);
    }

    RuntimeHealthProbe(Sandboxes.Choice choice, Clock clock, Duration period) {
        this.choice = choice;
        this.clock = clock;
        this.period = period;
        this.checkedAt = clock.instant(); // the sandbox was just probed by a launch at start
    }

    @Override
    public String name() {
        return "runtime";
    }

    @Override
    public synchronized ComponentHealth probe() {
        Instant now = clock.instant();
        if (!now.isBefore(checkedAt.plus(period))) {
            Optional<String> found = choice.testLaunch().get();
            if (found.isPresent() && problem.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "runtime: a test launch failed: " + found.get());
            } else if (found.isEmpty() && problem.isPresent()) {
                LOG.log(System.Logger.Level.INFO, "runtime: test launches work again");
            }
            problem = found;
            checkedAt = clock.instant();
        }
        // The problem text names paths on this host: the log has it, the anonymous health answer does not.
        return problem.isEmpty() ? ComponentHealth.ok(choice.detail())
                : ComponentHealth.down("a test launch failed (" + (choice.sandbox().isOn() ? "in the sandbox"
                        : "as Catwalk's own user") + "); the server log says why");
    }
}
