package live.catwalk.adapters.fly;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * Scale to zero for {@link FlyRuntime}: an idle deployment's machine is suspended (Fly keeps its memory), and a
 * suspended one is started again for the request that finds it so, one resume at a time per deployment (the other
 * requests wait for it). What it does is written into the {@link MachineTable} at once. Thread-safe.
 */
final class MachineNaps {

    private static final System.Logger LOG = System.getLogger(MachineNaps.class.getName());

    private final FlyMachines machines;
    private final MachineTable table;
    private final RunnerClient runner;
    private final Duration startWithin;
    /** A lock per deployment whose machine is being resumed. */
    private final Map<String, Object> resuming = new ConcurrentHashMap<>();

    MachineNaps(FlyMachines machines, MachineTable table, RunnerClient runner, Duration startWithin) {
        this.machines = Objects.requireNonNull(machines, "machines");
        this.table = Objects.requireNonNull(table, "table");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.startWithin = Objects.requireNonNull(startWithin, "startWithin");
    }

    /** Suspends the started machine when its runner says nothing has been in flight for {@code idle}; true if so. */
    boolean suspendIfIdle(DeploymentId id, Duration idle) {
        Optional<Machine> machine = table.find(id).filter(m -> "started".equals(m.state()));
        if (machine.isEmpty() || !runner.idleFor(id, machine.get().id(), idle)) {
            return false;
        }
        try {
            machines.suspend(machine.get().id());
        } catch (CatwalkException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not suspend Fly machine {0} of deployment {1}: {2}",
                    machine.get().id(), id, e.getMessage());
            return false;
        }
        table.put(id, machine.get().withState("suspended"));
        LOG.log(System.Logger.Level.INFO, "Suspended idle Fly machine {0} of deployment {1}", machine.get().id(), id);
        return true;
    }

    /**
     * Resumes the deployment's machine if it is suspended (waiting out a suspension under way first), then waits until
     * Fly reports it started, within the start timeout; a failure is logged and leaves it as it was.
     */
    void resumeIfSuspended(DeploymentId id) {
        if (suspended(id).isEmpty()) {
            return;
        }
        synchronized (resuming.computeIfAbsent(id.value(), any -> new Object())) {
            suspended(id).ifPresent(machine -> resume(id, machine)); // another request may have resumed it meanwhile
        }
    }

    private Optional<Machine> suspended(DeploymentId id) {
        return table.find(id).filter(m -> MachineStates.of(m.state()) instanceof RuntimeState.Suspended);
    }

    private void resume(DeploymentId id, Machine machine) {
        try {
            if ("suspending".equals(machine.state())) {
                machines.waitFor(machine.id(), "suspended", Optional.empty(), startWithin);
            }
            machines.start(machine.id());
            machines.waitFor(machine.id(), "started", Optional.empty(), startWithin);
        } catch (CatwalkException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not resume Fly machine {0} of deployment {1}: {2}",
                    machine.id(), id, e.getMessage());
            return;
        }
        table.put(id, machine.withState("started"));
        LOG.log(System.Logger.Level.INFO, "Resumed Fly machine {0} of deployment {1} for a request", machine.id(), id);
    }
}
