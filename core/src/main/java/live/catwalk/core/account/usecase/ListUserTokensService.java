package live.catwalk.core.account.usecase;

import java.util.List;
import java.util.Objects;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.account.port.in.ListUserTokens;
import live.catwalk.core.account.port.out.TokenRepository;
import live.catwalk.core.account.port.out.UserRepository;

/** Deployment tokens are left out, as in the caller's own list: they are managed through their deployment. */
public final class ListUserTokensService implements ListUserTokens {

    private final UserRepository users;
    private final TokenRepository tokens;

    public ListUserTokensService(UserRepository users, TokenRepository tokens) {
        this.users = Objects.requireNonNull(users, "users");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public List<AccessToken> list(Principal caller, UserId user) {
        Admins.require(caller, "see another user's tokens");
        Admins.target(users, user);
        return tokens.listByOwner(user).stream().filter(t -> t.deployment().isEmpty()).toList();
    }
}
