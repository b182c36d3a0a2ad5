package live.catwalk.core.account.usecase;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.account.domain.TokenKind;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.account.port.out.AuditLog;
import live.catwalk.core.account.port.out.TokenRepository;
import live.catwalk.core.shared.port.out.Randomness;

/** Issuing a personal token, shared by IssueToken and EnsureAdmin so both store and audit it alike. */
final class PersonalTokens {

    private final TokenRepository tokens;
    private final AuditLog audit;
    private final Randomness randomness;
    private final Clock clock;

    PersonalTokens(TokenRepository tokens, AuditLog audit, Randomness randomness, Clock clock) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.randomness = Objects.requireNonNull(randomness, "randomness");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    IssuedToken issue(UserId owner, String name) {
        Instant now = clock.instant();
        IssuedToken issued = TokenKind.PERSONAL.mint(new TokenId(randomness.uuid()), owner, Optional.empty(), name,
                randomness.secret(), now);
        tokens.insert(issued.token());
        audit.record(new AuditEntry(now, AuditAction.TOKEN_ISSUED, Optional.of(owner),
                Optional.of(issued.token().id().toString()), "personal token " + issued.token().prefix()));
        return issued;
    }
}
