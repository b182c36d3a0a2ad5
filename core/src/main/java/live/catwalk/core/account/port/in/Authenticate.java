package live.catwalk.core.account.port.in;

import java.util.Optional;
import live.catwalk.core.account.domain.Principal;

/**
 * Turns a presented personal access token ({@code cwk_…}) into the caller; empty for an unknown, revoked,
 * malformed or deployment token alike (and an audit row records the failure). Records the token's use.
 */
@FunctionalInterface
public interface Authenticate {

    Optional<Principal> authenticate(String presentedToken);
}
