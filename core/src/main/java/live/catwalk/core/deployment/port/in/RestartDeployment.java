package live.catwalk.core.deployment.port.in;

import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * Stops the deployment's server; the reconciler starts it again with its current variables (a STOPPED or FAILED
 * one goes back to PENDING). Records a "restart requested" event. NOT_FOUND if it is not the caller's (an admin
 * may act on any, audited). Returns the deployment as stored.
 */
@FunctionalInterface
public interface RestartDeployment {

    Deployment restart(Principal caller, DeploymentId id);
}
