package live.catwalk.core.account.port.in;

import java.util.Objects;
import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.account.domain.Principal;

/** Issues a new personal access token to the caller; INVALID_INPUT (field {@code name}) for a bad name. */
@FunctionalInterface
public interface IssueToken {

    /** Who asks, and a label for the token (1-100 characters). */
    record Command(Principal caller, String name) {
        public Command {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(name, "name");
        }
    }

    IssuedToken issue(Command command);
}
