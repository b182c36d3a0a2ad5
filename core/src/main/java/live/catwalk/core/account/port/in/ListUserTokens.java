package live.catwalk.core.account.port.in;

import java.util.List;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.shared.domain.UserId;

/**
 * An admin sees another user's personal access tokens (newest first, revoked ones included, never their secrets),
 * to revoke one by id. FORBIDDEN for a caller who is not an admin, NOT_FOUND for an unknown user.
 */
@FunctionalInterface
public interface ListUserTokens {

    List<AccessToken> list(Principal caller, UserId user);
}
