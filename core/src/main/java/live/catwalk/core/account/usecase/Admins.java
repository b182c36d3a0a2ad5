package live.catwalk.core.account.usecase;

import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.account.port.out.UserRepository;
import live.catwalk.core.shared.CatwalkException;

/** The checks every admin-only use case starts with. */
public final class Admins {

    private Admins() {
    }

    /** FORBIDDEN unless the caller is an admin; {@code what} completes "Only an admin can …". */
    public static void require(Principal caller, String what) {
        if (!caller.isAdmin()) {
            throw CatwalkException.of(CatwalkException.Kind.FORBIDDEN, "Only an admin can " + what + ".");
        }
    }

    /** The user; NOT_FOUND if there is none. */
    public static User target(UserRepository users, UserId id) {
        return users.find(id).orElseThrow(() -> CatwalkException.notFound("no user " + id));
    }
}
