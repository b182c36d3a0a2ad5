package live.catwalk.core.account.port.in;

import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.TokenId;

/**
 * Revokes one of the caller's personal tokens at once (audited as TOKEN_REVOKED); an admin may revoke any user's
 * personal token (the row names the admin and the token's owner). NOT_FOUND if it is not theirs (for a non-admin),
 * is a deployment token, or was revoked before.
 */
@FunctionalInterface
public interface RevokeToken {

    void revoke(Principal caller, TokenId token);
}
