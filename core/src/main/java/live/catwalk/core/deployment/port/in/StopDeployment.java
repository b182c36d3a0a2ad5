package live.catwalk.core.deployment.port.in;

import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * Wants the deployment STOPPED: its server is stopped and its sessions end. NOT_FOUND if it is not the caller's (an
 * admin may stop any, audited as DEPLOYMENT_STOPPED). Returns the deployment as stored.
 */
@FunctionalInterface
public interface StopDeployment {

    Deployment stop(Principal caller, DeploymentId id);
}
