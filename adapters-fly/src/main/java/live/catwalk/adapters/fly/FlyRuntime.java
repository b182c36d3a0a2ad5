package live.catwalk.adapters.fly;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.deployment.port.out.Runtime;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;

/**
 * The production {@link Runtime}: one Fly Machine per deployment running {@code catwalk runner}, found again by
 * its {@code catwalk_deployment} metadata, so the gateway keeps no state of its own. The machine's runner secret
 * is HMAC-SHA256(runner key, machine id) as the runner protocol fixes it; the id exists only once the machine
 * does, so {@link #start} creates it unlaunched, writes the secret in with an update, then starts it.
 * {@link #stop} destroys the machine (after a graceful stop): nothing, secrets included, stays behind at Fly.
 * States come from a listing made at most once per refresh period. Failures are {@link CatwalkException}s.
 * Thread-safe.
 */
public final class FlyRuntime implements Runtime {

    private static final System.Logger LOG = System.getLogger(FlyRuntime.class.getName());
    private static final String BIND_VARIABLE = "CATWALK_RUNNER_BIND";

    private final FlyMachines machines;
    private final MachineSpec spec;
    private final RunnerSecret secrets;
    private final RunnerClient runner;
    private final RunnerStatus status;
    private final MachineTable table;
    private final Duration startWithin;
    private final String runnerBind;
    private final Map<String, String> runnerVariables;
    private final MachineNaps naps;

    FlyRuntime(FlyMachines machines, MachineSpec spec, RunnerSecret secrets, RunnerClient runner, RunnerStatus status,
            MachineTable table, Duration startWithin, String runnerBind, Map<String, String> runnerVariables) {
        this.machines = Objects.requireNonNull(machines, "machines");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.status = Objects.requireNonNull(status, "status");
        this.table = Objects.requireNonNull(table, "table");
        this.startWithin = Objects.requireNonNull(startWithin, "startWithin");
        this.runnerBind = Objects.requireNonNull(runnerBind, "runnerBind");
        this.runnerVariables = Map.copyOf(runnerVariables);
        this.naps = new MachineNaps(machines, table, runner, startWithin);
    }

    /**
     * A builder for {@code app}'s machines running {@code image}, calling Fly with {@code token} (a
     * {@code FlyV1 …} macaroon or a plain token) over {@code client}; {@code runnerKey} (32 bytes or more) derives
     * each machine's runner secret.
     */
    public static FlyRuntimeBuilder builder(HttpClient client, String token, String app, String image,
            byte[] runnerKey) {
        return new FlyRuntimeBuilder(client, token, app, image, runnerKey);
    }

    /**
     * Replaces the deployment's machine: destroys any it had, creates one (unlaunched) whose
     * {@code CATWALK_RUNNER_SPEC} holds {@code command} and {@code mode} (and {@code CATWALK_RUNNER_BIND}
     * where the runner listens, and the builder's other runner variables), adds its {@code CATWALK_RUNNER_SECRET},
     * starts it, waits until Fly reports it started (UPSTREAM_UNAVAILABLE if it does not in time), then destroys any
     * other machine naming the deployment (a create Fly failed to answer may still have made one).
     */
    @Override
    public void start(DeploymentId id, ServerCommand command, SessionMode mode) {
        for (Machine old : machines.list(Optional.of(id))) {
            destroy(old.id());
        }
        table.remove(id.value());
        Map<String, String> env = new HashMap<>(runnerVariables);
        env.put(RunnerSpec.VARIABLE, RunnerSpec.encode(id, command, mode));
        env.put(BIND_VARIABLE, runnerBind);
        Machine created = machines.create(spec, id, env, true);
        Machine updated;
        try {
            // The secret is derived over the machine id, known only now; the update keeps the machine unlaunched.
            env.put(RunnerSecret.VARIABLE, secrets.of(created.id()));
            updated = machines.update(created, spec, id, env, true);
            machines.start(updated.id());
        } catch (RuntimeException e) {
            destroyQuietly(created.id());
            throw e;
        }
        table.put(id, updated.withState("starting"));
        machines.waitFor(updated.id(), "started", Optional.of(updated.instanceId()), startWithin);
        table.put(id, updated.withState("started"));
        // A create retried after a 5xx may have made a machine the first time too: none but this one may stay.
        for (Machine other : machines.list(Optional.of(id))) {
            if (!other.id().equals(updated.id())) {
                destroy(other.id());
            }
        }
        LOG.log(System.Logger.Level.INFO, "Deployment {0} runs on Fly machine {1}", id, updated.id());
    }

    /** Stops the deployment's machine with SIGTERM, waits for it (bounded by the stop timeout), then destroys it. */
    @Override
    public void stop(DeploymentId id) {
        for (Machine machine : machines.list(Optional.of(id))) {
            try {
                machines.stop(machine.id(), spec.stopTimeout());
                machines.waitFor(machine.id(), "stopped", Optional.of(machine.instanceId()),
                        spec.stopTimeout().plusSeconds(10));
            } catch (CatwalkException e) {
                LOG.log(System.Logger.Level.DEBUG, "Fly machine {0} did not stop gracefully, destroying it: {1}",
                        machine.id(), e.getMessage());
            }
            destroy(machine.id());
        }
        table.remove(id.value());
    }

    /**
     * Restarts the deployment's machine in place (Fly's restart: same machine, same secret), then waits until Fly
     * reports it started; a deployment without a machine is started afresh.
     */
    @Override
    public void restart(DeploymentId id, ServerCommand command, SessionMode mode) {
        Optional<Machine> machine = table.find(id).filter(m -> MachineStates.live(m.state()));
        if (machine.isEmpty()) {
            start(id, command, mode);
            return;
        }
        Machine m = machine.get();
        table.put(id, m.withState("restarting"));
        machines.restart(m.id());
        machines.waitFor(m.id(), "started", Optional.empty(), startWithin);
        table.put(id, m.withState("started"));
        LOG.log(System.Logger.Level.INFO, "Restarted Fly machine {0} of deployment {1}", m.id(), id);
    }

    @Override
    public boolean suspends() {
        return true;
    }

    /**
     * Suspends the deployment's started machine (Fly keeps its memory: the runner's sessions survive) when its runner
     * says nothing has been in flight for {@code idle}; a runner that does not answer is never taken for idle.
     */
    @Override
    public boolean suspendIfIdle(DeploymentId id, Duration idle) {
        return naps.suspendIfIdle(id, idle);
    }

    /**
     * Where the deployment's runner listens, resuming its machine first when it is suspended (see {@link MachineNaps});
     * empty when it has no machine that is started or suspended, or the resume failed (logged).
     */
    public Optional<RunnerForwarder.Runner> resumed(DeploymentId id) {
        naps.resumeIfSuspended(id);
        return runner(id);
    }

    /** Whether the deployment has a machine that serves requests: started, or suspended until one comes. */
    public boolean serves(DeploymentId id) {
        return table.find(id).map(m -> MachineStates.of(m.state()))
                .filter(state -> state instanceof RuntimeState.Running || state instanceof RuntimeState.Suspended)
                .isPresent();
    }

    /** Restarts the deployment's machine: its sessions live in the runner, which the protocol gives no other end. */
    @Override
    public void endSessions(DeploymentId id) {
        table.find(id).ifPresent(machine -> machines.restart(machine.id()));
    }

    @Override
    public RuntimeState state(DeploymentId id) {
        return table.find(id).map(machine -> MachineStates.of(machine.state())).orElseGet(RuntimeState.Absent::new);
    }

    @Override
    public Set<DeploymentId> deployments() {
        Set<DeploymentId> found = new TreeSet<>((a, b) -> a.value().compareTo(b.value()));
        for (Machine machine : table.all()) {
            if (MachineStates.live(machine.state())) {
                machine.deployment().flatMap(DeploymentId::parse).ifPresent(found::add);
            }
        }
        return Set.copyOf(found);
    }

    /** Whether the machine is started and the {@link RunnerStatus} given to the builder says its runner is alive. */
    @Override
    public boolean ping(DeploymentId id, Duration timeout) {
        Optional<Machine> machine = table.find(id);
        return machine.isPresent() && "started".equals(machine.get().state())
                && status.alive(id, machine.get().id(), timeout);
    }

    /**
     * Where the deployment's runner listens and the secret it wants, while its machine is started (as last seen:
     * refreshed at the runtime's cadence); empty otherwise.
     */
    public Optional<RunnerForwarder.Runner> runner(DeploymentId id) {
        return table.find(id).filter(m -> "started".equals(m.state()))
                .map(m -> new RunnerForwarder.Runner(runner.base(m.id()), secrets.of(m.id())));
    }

    /** The runner's {@code /logs}; none when the deployment has no machine. */
    @Override
    public List<String> logs(DeploymentId id, int lines) {
        Optional<Machine> machine = table.find(id);
        return machine.isEmpty() ? List.of() : runner.logs(id, machine.get().id(), lines);
    }

    /**
     * Destroys every Catwalk machine of the app whose metadata names a deployment not in {@code known} (which must
     * include deployments being started), asked only once the machines are listed, so a deployment created meanwhile
     * keeps its new machine; returns the ids of the machines destroyed.
     */
    public List<String> destroyStrays(Supplier<Set<DeploymentId>> known) {
        List<Machine> listed = machines.list(Optional.empty());
        Set<String> keep = new TreeSet<>();
        known.get().forEach(id -> keep.add(id.value()));
        List<String> destroyed = new ArrayList<>();
        for (Machine machine : listed) {
            String deployment = machine.deployment().orElseThrow();
            if (!keep.contains(deployment)) {
                LOG.log(System.Logger.Level.INFO, "Destroying Fly machine {0} of unknown deployment {1}",
                        machine.id(), deployment);
                destroy(machine.id());
                table.remove(deployment);
                destroyed.add(machine.id());
            }
        }
        return List.copyOf(destroyed);
    }

    private void destroy(String machineId) {
        try {
            machines.destroy(machineId);
        } catch (CatwalkException e) {
            if (e.kind() != CatwalkException.Kind.NOT_FOUND) {
                throw e;
            }
        }
    }

    private void destroyQuietly(String machineId) {
        try {
            machines.destroy(machineId);
        } catch (CatwalkException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not destroy the half-made Fly machine {0}: {1}", machineId,
                    e.getMessage());
        }
    }
}
