package live.catwalk.core.deployment.port.in;

import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.deployment.domain.DeploymentId;

/**
 * Stops the deployment's server (the whole process tree), then removes the deployment with its credentials,
 * events and tokens; NOT_FOUND if it is not the caller's.
 */
@FunctionalInterface
public interface DeleteDeployment {

    void delete(Principal caller, DeploymentId id);
}
