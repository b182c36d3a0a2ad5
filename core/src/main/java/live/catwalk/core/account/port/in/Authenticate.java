package live.catwalk.core.account.port.in;

import java.util.Optional;
import live.catwalk.core.account.domain.Principal;

/**
 * Turns a presented personal access token ({@code cwk_…}) into the caller; empty for an unknown, revoked,
 * malformed or deployment token alike (and an AUTHENTICATION_FAILED audit row records the failure, with the
 * token's visible prefix if it is well-formed, never more of it). Records the token's use, at most once a
 * minute per token. Null is refused like a malformed token.
 */
@FunctionalInterface
public interface Authenticate {

    Optional<Principal> authenticate(String presentedToken);
}
