package live.catwalk.core.account.usecase;

import java.util.List;
import java.util.Objects;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.port.in.ListTokens;
import live.catwalk.core.account.port.out.TokenRepository;

/** Deployment tokens are left out: they are managed through their deployment. */
public final class ListTokensService implements ListTokens {

    private final TokenRepository tokens;

    public ListTokensService(TokenRepository tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public List<AccessToken> list(Principal caller) {
        return tokens.listByOwner(caller.user()).stream().filter(t -> t.deployment().isEmpty()).toList();
    }
}
