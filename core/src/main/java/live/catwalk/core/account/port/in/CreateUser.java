package live.catwalk.core.account.port.in;

import java.util.Objects;
import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.Role;
import live.catwalk.core.account.domain.User;

/**
 * An admin creates another user and that user's first personal token (shown once). FORBIDDEN for a caller
 * who is not an admin, INVALID_INPUT (field {@code name}) for a bad name, CONFLICT for a taken one.
 */
@FunctionalInterface
public interface CreateUser {

    /** Who asks, the new user's name and role. */
    record Command(Principal caller, String name, Role role) {
        public Command {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
        }
    }

    /** The stored user and its first token. */
    record Created(User user, IssuedToken token) {
    }

    Created create(Command command);
}
