package live.catwalk.bootstrap.wiring;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.DesiredState;
import live.catwalk.core.deployment.domain.FileDeployment;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.mcp.port.out.DeploymentStates;

/**
 * The stored state of the deployments created through the API, for MCP requests to one that has no
 * endpoint here (stopped, failed, not started yet); and of the deployments file's entries that were not
 * started (their package could not be pinned): FAILED with their reason. The file's others have an
 * endpoint from the start.
 */
final class StoredDeploymentStates implements DeploymentStates {

    private final DeploymentRepository deployments;
    private final List<FileDeployment> fromFile;

    StoredDeploymentStates(DeploymentRepository deployments) {
        this(deployments, List.of());
    }

    StoredDeploymentStates(DeploymentRepository deployments, List<FileDeployment> fromFile) {
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.fromFile = List.copyOf(fromFile);
    }

    @Override
    public Optional<Stored> find(String deploymentId) {
        DeploymentId id;
        try {
            id = new DeploymentId(deploymentId);
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
        for (FileDeployment f : fromFile) {
            if (f.id().equals(id) && f.status() == DeploymentStatus.FAILED) {
                return Optional.of(new Stored(DesiredState.RUNNING, DeploymentStatus.FAILED, f.reason()));
            }
        }
        return deployments.find(id).map(d -> new Stored(d.desired(), d.status(), d.reason()));
    }
}
