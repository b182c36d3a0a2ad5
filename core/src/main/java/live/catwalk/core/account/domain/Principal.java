package live.catwalk.core.account.domain;

import live.catwalk.core.shared.domain.UserId;
import java.util.Objects;

/** The authenticated caller of the control plane: a user, their role, and the token they presented. */
public record Principal(UserId user, Role role, TokenId token) {

    public Principal {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(token, "token");
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
