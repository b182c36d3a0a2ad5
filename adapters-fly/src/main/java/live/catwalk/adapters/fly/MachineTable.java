package live.catwalk.adapters.fly;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * The app's Catwalk machines by deployment, listed again at most once per {@code every} however often the runtime
 * is asked, so polling deployments' states stays within Fly's rate limits; what the runtime does itself is written
 * in at once. A failed listing keeps the last one (logged) until the next period. Thread-safe.
 */
final class MachineTable {

    private static final System.Logger LOG = System.getLogger(MachineTable.class.getName());

    private final Supplier<List<Machine>> lister;
    private final Clock clock;
    private final Duration every;
    private final Map<String, Machine> byDeployment = new HashMap<>();
    private Instant listedAt;

    MachineTable(Supplier<List<Machine>> lister, Clock clock, Duration every) {
        this.lister = Objects.requireNonNull(lister, "lister");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.every = Objects.requireNonNull(every, "every");
    }

    synchronized Optional<Machine> find(DeploymentId deployment) {
        fresh();
        return Optional.ofNullable(byDeployment.get(deployment.value()));
    }

    synchronized List<Machine> all() {
        fresh();
        return List.copyOf(byDeployment.values());
    }

    synchronized void put(DeploymentId deployment, Machine machine) {
        byDeployment.put(deployment.value(), machine);
    }

    synchronized void remove(String deployment) {
        byDeployment.remove(deployment);
    }

    private void fresh() {
        Instant now = clock.instant();
        if (listedAt != null && now.isBefore(listedAt.plus(every))) {
            return;
        }
        List<Machine> listed;
        try {
            listed = lister.get();
        } catch (CatwalkException e) {
            if (listedAt == null) {
                throw e;
            }
            listedAt = now;
            LOG.log(System.Logger.Level.WARNING, "Listing the Fly machines failed, keeping the last list: {0}",
                    e.getMessage());
            return;
        }
        listedAt = now;
        byDeployment.clear();
        for (Machine machine : listed) {
            // Two machines of one deployment only overlap while one replaces the other: the started one counts.
            byDeployment.merge(machine.deployment().orElseThrow(), machine,
                    (kept, other) -> "started".equals(other.state()) ? other : kept);
        }
    }
}
