package live.catwalk.core.account.usecase;

import java.util.Objects;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.account.port.in.GetMe;
import live.catwalk.core.account.port.out.UserRepository;
import live.catwalk.core.shared.CatwalkException;

/** NOT_FOUND only if the user was removed after authenticating. */
public final class GetMeService implements GetMe {

    private final UserRepository users;

    public GetMeService(UserRepository users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    @Override
    public User me(Principal caller) {
        return users.find(caller.user()).orElseThrow(() -> CatwalkException.notFound("no user " + caller.user()));
    }
}
