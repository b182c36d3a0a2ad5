package live.catwalk.core.account.usecase;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.account.port.in.RevokeToken;
import live.catwalk.core.account.port.out.AuditLog;
import live.catwalk.core.account.port.out.TokenRepository;
import live.catwalk.core.shared.CatwalkException;

/**
 * A deployment token is not revoked here (rotate it through its deployment): it answers NOT_FOUND. An admin
 * reaches any user's personal token; someone else's answers a non-admin exactly like a missing one.
 */
public final class RevokeTokenService implements RevokeToken {

    private final TokenRepository tokens;
    private final AuditLog audit;
    private final Clock clock;

    public RevokeTokenService(TokenRepository tokens, AuditLog audit, Clock clock) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void revoke(Principal caller, TokenId token) {
        Optional<AccessToken> personal = tokens.find(token)
                .filter(t -> t.deployment().isEmpty() && (caller.isAdmin() || t.owner().equals(caller.user())));
        Instant now = clock.instant();
        if (personal.isEmpty() || !tokens.revoke(token, personal.get().owner(), now)) {
            throw CatwalkException.notFound("no live token " + token);
        }
        boolean own = personal.get().owner().equals(caller.user());
        audit.record(new AuditEntry(now, AuditAction.TOKEN_REVOKED, Optional.of(caller.user()),
                Optional.of(token.toString()), "personal token " + personal.get().prefix()
                + (own ? "" : " of user " + personal.get().owner() + ", by an admin")));
    }
}
