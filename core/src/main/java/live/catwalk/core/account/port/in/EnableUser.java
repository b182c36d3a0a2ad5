package live.catwalk.core.account.port.in;

import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.shared.domain.UserId;

/**
 * An admin enables a disabled user again and gets a new personal token for them (shown once), since disabling
 * revoked all of theirs; their deployments stay stopped until started. Audited as USER_ENABLED. FORBIDDEN for a
 * caller who is not an admin, NOT_FOUND for an unknown user, CONFLICT for a user who is not disabled.
 */
@FunctionalInterface
public interface EnableUser {

    /** The user as now stored and their new token. */
    record Enabled(User user, IssuedToken token) {
    }

    Enabled enable(Principal caller, UserId user);
}
