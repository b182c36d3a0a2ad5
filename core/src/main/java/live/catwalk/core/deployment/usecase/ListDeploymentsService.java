package live.catwalk.core.deployment.usecase;

import java.util.List;
import java.util.Objects;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.port.in.ListDeployments;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.shared.CatwalkException;

/** Bounds are checked here, so the repository's own (wider) bounds are never the ones a caller meets. */
public final class ListDeploymentsService implements ListDeployments {

    public static final int MAX_LIMIT = 100;

    private final DeploymentRepository deployments;

    public ListDeploymentsService(DeploymentRepository deployments) {
        this.deployments = Objects.requireNonNull(deployments, "deployments");
    }

    @Override
    public List<Deployment> list(Principal caller, int offset, int limit) {
        if (offset < 0) {
            throw CatwalkException.invalidInput("offset", "offset must not be negative", "start at 0");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw CatwalkException.invalidInput("limit", "limit must be 1 to " + MAX_LIMIT,
                    "page through with offset instead");
        }
        return deployments.listByOwner(caller.user(), offset, limit);
    }
}
