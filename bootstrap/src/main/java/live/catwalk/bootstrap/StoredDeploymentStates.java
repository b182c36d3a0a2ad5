package live.catwalk.bootstrap;

import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.deployment.domain.DeploymentId;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.mcp.port.out.DeploymentStates;

/**
 * The stored state of the deployments created through the API, for MCP requests to one that has no
 * endpoint here (stopped, failed, not started yet). The deployments file's have an endpoint from the start.
 */
final class StoredDeploymentStates implements DeploymentStates {

    private final DeploymentRepository deployments;

    StoredDeploymentStates(DeploymentRepository deployments) {
        this.deployments = Objects.requireNonNull(deployments, "deployments");
    }

    @Override
    public Optional<Stored> find(String deploymentId) {
        DeploymentId id;
        try {
            id = new DeploymentId(deploymentId);
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
        return deployments.find(id).map(d -> new Stored(d.desired(), d.status(), d.reason()));
    }
}
