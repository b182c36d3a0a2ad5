package live.catwalk.core.deployment.port.in;

import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.DeploymentId;

/** Stops the deployment's server and starts it again, with its current variables. NOT_FOUND if it is not the caller's. Returns the deployment as stored. */
@FunctionalInterface
public interface RestartDeployment {

    Deployment restart(Principal caller, DeploymentId id);
}
