package live.catwalk.core.account.port.in;

import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.User;

/** The caller's own user record. */
@FunctionalInterface
public interface GetMe {

    User me(Principal caller);
}
