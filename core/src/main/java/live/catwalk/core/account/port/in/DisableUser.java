package live.catwalk.core.account.port.in;

import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.shared.domain.UserId;

/**
 * An admin disables a user: from then on their sign-in is refused, every token of theirs (personal and
 * deployment) is revoked and every deployment of theirs is wanted STOPPED and stopped; audited as USER_DISABLED
 * naming the admin and the user. Disabling a disabled user does it all again. FORBIDDEN for a caller who is not
 * an admin, NOT_FOUND for an unknown user, CONFLICT for the caller themselves (an admin never locks out the
 * last admin: the caller stays).
 */
@FunctionalInterface
public interface DisableUser {

    /** The user as now stored, and how many tokens and deployments this call revoked and stopped. */
    record Disabled(User user, int tokensRevoked, int deploymentsStopped) {
    }

    Disabled disable(Principal caller, UserId user);
}
