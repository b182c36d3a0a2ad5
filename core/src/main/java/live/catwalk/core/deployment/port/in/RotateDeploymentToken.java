package live.catwalk.core.deployment.port.in;

import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * Revokes the deployment's live access tokens and issues a new {@code cwd_} one (shown once), audited without
 * the secret; NOT_FOUND if the deployment is not the caller's.
 */
@FunctionalInterface
public interface RotateDeploymentToken {

    IssuedToken rotate(Principal caller, DeploymentId id);
}
