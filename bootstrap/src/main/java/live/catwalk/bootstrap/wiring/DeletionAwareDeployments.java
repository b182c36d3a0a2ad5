package live.catwalk.bootstrap.wiring;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.port.out.DeploymentRepository;

/** The deployment repository, telling the token cache when a delete took a deployment's tokens with it. */
final class DeletionAwareDeployments implements DeploymentRepository {

    private final DeploymentRepository deployments;
    private final CachingTokens tokens;

    DeletionAwareDeployments(DeploymentRepository deployments, CachingTokens tokens) {
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public boolean delete(DeploymentId id) {
        try {
            return deployments.delete(id);
        } finally {
            tokens.invalidate();
        }
    }

    @Override
    public Deployment insert(Deployment deployment) {
        return deployments.insert(deployment);
    }

    @Override
    public Optional<Deployment> find(DeploymentId id) {
        return deployments.find(id);
    }

    @Override
    public List<Deployment> listByOwner(UserId owner, int offset, int limit) {
        return deployments.listByOwner(owner, offset, limit);
    }

    @Override
    public List<Deployment> listWantedRunning() {
        return deployments.listWantedRunning();
    }

    @Override
    public Map<DeploymentStatus, Long> countByStatus() {
        return deployments.countByStatus();
    }

    @Override
    public Deployment update(Deployment deployment) {
        return deployments.update(deployment);
    }
}
