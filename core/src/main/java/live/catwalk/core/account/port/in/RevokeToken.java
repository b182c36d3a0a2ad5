package live.catwalk.core.account.port.in;

import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.TokenId;

/**
 * Revokes one of the caller's personal tokens at once (audited as TOKEN_REVOKED); NOT_FOUND if it is not theirs,
 * is a deployment token, or was revoked before.
 */
@FunctionalInterface
public interface RevokeToken {

    void revoke(Principal caller, TokenId token);
}
