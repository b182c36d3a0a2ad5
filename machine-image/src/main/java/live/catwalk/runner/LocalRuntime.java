package live.catwalk.runner;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import live.catwalk.core.deployment.domain.Crash;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.deployment.port.out.Runtime;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.port.in.ManageMcpEngine;

/**
 * The local {@link Runtime}: each deployment's server runs on this host as a supervised process behind
 * the MCP gateway's endpoint {@code /mcp/{id}} (the endpoints are given a {@link ProcessSupervisor}).
 * {@link #start} of a deployment already running stops the old server first, so it returns only once
 * that one is gone. Thread-safe.
 */
public final class LocalRuntime implements Runtime {

    private final ManageMcpEngine endpoints;
    private final Function<DeploymentId, String> sessionTenants;
    private final Set<DeploymentId> started = ConcurrentHashMap.newKeySet();
    /** Start and stop of one deployment take turns; different deployments do not wait for each other. */
    private final Map<DeploymentId, Object> turns = new ConcurrentHashMap<>();

    public LocalRuntime(ManageMcpEngine endpoints) {
        this(endpoints, id -> null);
    }

    /**
     * As above; {@code sessionTenants} names whose per-user session limit a deployment's sessions count
     * against (its owner unless an admin), or null for none.
     */
    public LocalRuntime(ManageMcpEngine endpoints, Function<DeploymentId, String> sessionTenants) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.sessionTenants = Objects.requireNonNull(sessionTenants, "sessionTenants");
    }

    /** {@inheritDoc} A program that cannot be started shows as {@code Failed} with the reason. */
    @Override
    public void start(DeploymentId id, ServerCommand command, SessionMode mode) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(mode, "mode");
        synchronized (turn(id)) {
            started.add(id);
            // A command without a workspace still gets a home of its own deployment's.
            endpoints.register(id.value(), command.workspace().isPresent() ? command
                    : command.in(new ServerCommand.Workspace("local", id.value())), mode,
                    sessionTenants.apply(id));
        }
    }

    @Override
    public void stop(DeploymentId id) {
        synchronized (turn(id)) {
            endpoints.unregister(id.value());
            started.remove(id);
        }
    }

    @Override
    public void endSessions(DeploymentId id) {
        endpoints.endSessions(Objects.requireNonNull(id, "id").value());
    }

    @Override
    public RuntimeState state(DeploymentId id) {
        return endpoints.state(Objects.requireNonNull(id, "id").value());
    }

    /** {@inheritDoc} Also those whose server failed, until they are stopped. */
    @Override
    public Set<DeploymentId> deployments() {
        return Set.copyOf(started);
    }

    @Override
    public List<Crash> takeCrashes(DeploymentId id) {
        return endpoints.takeCrashes(Objects.requireNonNull(id, "id").value());
    }

    @Override
    public boolean ping(DeploymentId id, Duration timeout) {
        return endpoints.ping(Objects.requireNonNull(id, "id").value(), timeout);
    }

    /** {@inheritDoc} Throws {@code IllegalArgumentException} for negative {@code lines}. */
    @Override
    public List<String> logs(DeploymentId id, int lines) {
        return endpoints.logs(Objects.requireNonNull(id, "id").value(), lines);
    }

    private Object turn(DeploymentId id) {
        return turns.computeIfAbsent(Objects.requireNonNull(id, "id"), k -> new Object());
    }
}
