package live.catwalk.core.deployment.port.in;

import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.shared.domain.DeploymentId;

/** One of the caller's deployments (any, for an admin); NOT_FOUND if it does not exist or is someone else's. */
@FunctionalInterface
public interface GetDeployment {

    Deployment get(Principal caller, DeploymentId id);
}
