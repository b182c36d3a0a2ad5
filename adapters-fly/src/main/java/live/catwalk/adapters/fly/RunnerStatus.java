package live.catwalk.adapters.fly;

import java.time.Duration;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * Whether the runner on a started machine answers (for {@link FlyRuntime#ping}), asked only once Fly reports
 * the machine {@code started}; {@link #MACHINE_STATE} trusts that state alone. Implementations are bounded by
 * {@code timeout}, thread-safe and throw nothing: an unreachable runner is {@code false}.
 */
@FunctionalInterface
public interface RunnerStatus {

    /** Trusts Fly's {@code started}: the runner is taken to be alive. */
    RunnerStatus MACHINE_STATE = (deployment, machineId, timeout) -> true;

    boolean alive(DeploymentId deployment, String machineId, Duration timeout);
}
