package live.catwalk.core.account.port.in;

import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.TokenId;

/** Revokes one of the caller's personal tokens at once; NOT_FOUND if it is not theirs or already revoked. */
@FunctionalInterface
public interface RevokeToken {

    void revoke(Principal caller, TokenId token);
}
