package live.catwalk.core.oauth.usecase;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.oauth.domain.OAuthToken;
import live.catwalk.core.oauth.domain.OAuthTokenKind;
import live.catwalk.core.oauth.domain.TokenError;
import live.catwalk.core.oauth.port.in.RevokeOAuthToken;
import live.catwalk.core.oauth.port.out.OAuthStore;

/**
 * RFC 7009 over the {@link OAuthStore}. The token is looked up whatever the hint says (§2.1 lets the server search
 * every kind); a refresh token takes its grant with it, as the grant is what it stands for.
 */
public final class RevokeOAuthTokenService implements RevokeOAuthToken {

    private final OAuthStore store;
    private final ClientAuthentication clients;
    private final Clock clock;

    public RevokeOAuthTokenService(OAuthStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clients = new ClientAuthentication(store, clock);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Result revoke(Command command) {
        Objects.requireNonNull(command, "command");
        OAuthClient client;
        switch (clients.authenticate(command.client())) {
            case ClientAuthentication.Outcome.Failed failed -> {
                return new Result.Refused(TokenError.INVALID_CLIENT, failed.description());
            }
            case ClientAuthentication.Outcome.Authenticated authenticated -> client = authenticated.client();
        }
        if (command.token() == null || command.token().isEmpty()) {
            return new Result.Refused(TokenError.INVALID_REQUEST, "Missing parameter: token.");
        }
        Optional<OAuthToken> token = store.findToken(TokenHash.of(command.token()))
                .filter(t -> store.findGrant(t.grant()).filter(g -> g.client().equals(client.id())).isPresent());
        if (token.isPresent()) {
            Instant now = clock.instant();
            if (token.get().kind() == OAuthTokenKind.REFRESH) {
                store.revokeGrant(token.get().grant(), now);
            } else {
                store.revokeToken(token.get().hash(), now);
            }
        }
        return new Result.Accepted();
    }
}
