package live.catwalk.core.deployment.usecase;

import java.util.Objects;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.port.in.GetDeployment;
import live.catwalk.core.deployment.port.out.DeploymentRepository;

/** Someone else's deployment answers a non-admin exactly like a missing one; an admin gets any. */
public final class GetDeploymentService implements GetDeployment {

    private final DeploymentRepository deployments;

    public GetDeploymentService(DeploymentRepository deployments) {
        this.deployments = Objects.requireNonNull(deployments, "deployments");
    }

    @Override
    public Deployment get(Principal caller, DeploymentId id) {
        return Lifecycle.reachable(deployments, caller, id);
    }
}
