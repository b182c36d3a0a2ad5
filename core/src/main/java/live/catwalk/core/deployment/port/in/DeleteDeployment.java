package live.catwalk.core.deployment.port.in;

import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * Removes the deployment with its credentials, events and tokens, and stops its server (the whole process
 * tree) before returning; NOT_FOUND if it is not the caller's (an admin may act on any, audited).
 */
@FunctionalInterface
public interface DeleteDeployment {

    void delete(Principal caller, DeploymentId id);
}
