package live.catwalk.core.account.port.in;

import java.util.Optional;
import live.catwalk.core.account.domain.IssuedToken;

/**
 * On a store with no users, creates the admin user {@code name} and a first personal token, returned so it
 * can be shown once; empty when users exist already.
 */
@FunctionalInterface
public interface EnsureAdmin {

    Optional<IssuedToken> ensureAdmin(String name);
}
