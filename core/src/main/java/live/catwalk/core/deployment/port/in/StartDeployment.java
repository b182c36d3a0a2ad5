package live.catwalk.core.deployment.port.in;

import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * Wants the deployment RUNNING again: a STOPPED or FAILED one goes back to PENDING for the reconciler to validate
 * and start. NOT_FOUND if it is not the caller's (an admin may act on any, audited). Returns the deployment as stored.
 */
@FunctionalInterface
public interface StartDeployment {

    Deployment start(Principal caller, DeploymentId id);
}
