package live.catwalk.core.deployment.port.in;

import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.deployment.domain.DeploymentId;

/** Issues a new access token for the deployment's MCP endpoint and revokes the old ones at once. */
@FunctionalInterface
public interface RotateDeploymentToken {

    IssuedToken rotate(Principal caller, DeploymentId id);
}
