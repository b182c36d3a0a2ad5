package live.catwalk.core.account.port.in;

import java.util.List;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.User;

/**
 * An admin pages through every user, oldest first (disabled ones included). FORBIDDEN for a caller who is not
 * an admin; INVALID_INPUT (field {@code offset} or {@code limit}) unless {@code offset >= 0} and {@code limit} is
 * 1 to 100.
 */
@FunctionalInterface
public interface ListUsers {

    List<User> list(Principal caller, int offset, int limit);
}
