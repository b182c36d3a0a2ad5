package live.catwalk.core.deployment.port.out;

import java.time.Instant;
import live.catwalk.core.shared.domain.UserId;

/**
 * The access a user gave applications (OAuth grants on their deployments), which disabling the user must end; kept
 * behind this port so that deployments need not know the authorization server. Thread-safe.
 */
@FunctionalInterface
public interface ApplicationGrants {

    /** Revokes every live grant the user gave, with its tokens, as of {@code at}; returns how many it revoked. */
    int revokeAllOf(UserId user, Instant at);
}
