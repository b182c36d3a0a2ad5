package live.catwalk.core.account.port.in;

import java.util.Optional;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * The data plane's token rule: a live, well-formed deployment token ({@code cwd_…}) of exactly this deployment
 * opens it; anything else (malformed, unknown, revoked, another deployment's, a personal token) does not, and
 * all alike. Returns the token's id, never the token. Thread-safe.
 */
@FunctionalInterface
public interface AuthenticateDeploymentToken {

    Optional<TokenId> authenticate(DeploymentId deployment, String presentedToken);
}
