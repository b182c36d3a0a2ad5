package live.catwalk.core.account.usecase;

import java.util.List;
import java.util.Objects;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.account.port.in.ListUsers;
import live.catwalk.core.account.port.out.UserRepository;
import live.catwalk.core.shared.CatwalkException;

/** Reading the user list is not audited: it changes nothing. */
public final class ListUsersService implements ListUsers {

    /** The largest page. */
    public static final int MAX_LIMIT = 100;

    private final UserRepository users;

    public ListUsersService(UserRepository users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    @Override
    public List<User> list(Principal caller, int offset, int limit) {
        Admins.require(caller, "list users");
        if (offset < 0) {
            throw CatwalkException.invalidInput("offset", "offset must not be negative", "start at 0");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw CatwalkException.invalidInput("limit", "limit must be 1 to " + MAX_LIMIT,
                    "page through with offset instead");
        }
        return users.list(offset, limit);
    }
}
