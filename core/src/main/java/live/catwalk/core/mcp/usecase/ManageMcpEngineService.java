package live.catwalk.core.mcp.usecase;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.deployment.domain.Crash;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.engine.McpEndpoints;
import live.catwalk.core.mcp.port.in.ManageMcpEngine;

/** {@link ManageMcpEngine} over the engine's endpoints: each operation is the endpoints' own. */
public final class ManageMcpEngineService implements ManageMcpEngine {

    private final McpEndpoints endpoints;

    public ManageMcpEngineService(McpEndpoints endpoints) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    }

    @Override
    public Optional<String> register(String deploymentId, ServerCommand command, SessionMode mode, String tenant) {
        return endpoints.register(deploymentId, command, mode, tenant);
    }

    @Override
    public void unregister(String deploymentId) {
        endpoints.unregister(deploymentId);
    }

    @Override
    public void endSessions(String deploymentId) {
        endpoints.endSessions(deploymentId);
    }

    @Override
    public RuntimeState state(String deploymentId) {
        return endpoints.state(deploymentId);
    }

    @Override
    public boolean ping(String deploymentId, Duration timeout) {
        return endpoints.ping(deploymentId, timeout);
    }

    @Override
    public List<Crash> takeCrashes(String deploymentId) {
        return endpoints.takeCrashes(deploymentId);
    }

    @Override
    public List<String> logs(String deploymentId, int lines) {
        return endpoints.logs(deploymentId, lines);
    }
}
