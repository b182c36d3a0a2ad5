package live.catwalk.core.account.port.in;

import java.util.List;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.Principal;

/**
 * The caller's personal access tokens, newest first, revoked ones included (never their secrets); deployment
 * tokens are not listed here.
 */
@FunctionalInterface
public interface ListTokens {

    List<AccessToken> list(Principal caller);
}
