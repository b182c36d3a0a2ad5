package live.catwalk.core.account.usecase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.account.domain.TokenKind;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.account.port.in.Authenticate;
import live.catwalk.core.account.port.out.AuditLog;
import live.catwalk.core.account.port.out.TokenRepository;
import live.catwalk.core.account.port.out.UserRepository;

/**
 * Only a live personal token of an existing, enabled user passes. The last-used time is written at most once a
 * {@link #TOUCH_INTERVAL} per token, so a busy client does not cause a write per request; failures are audited
 * at most 20 rows a minute, the rest counted in one summary row (see {@link FailedSignIns}).
 */
public final class AuthenticateService implements Authenticate {

    /** How stale a token's last-used time may get before a use is written. */
    public static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final TokenRepository tokens;
    private final UserRepository users;
    private final FailedSignIns failures;
    private final Clock clock;

    public AuthenticateService(TokenRepository tokens, UserRepository users, AuditLog audit, Clock clock) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.users = Objects.requireNonNull(users, "users");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.failures = new FailedSignIns(audit, clock);
    }

    @Override
    public Optional<Principal> authenticate(String presentedToken) {
        Optional<TokenKind> kind = TokenKind.of(presentedToken);
        if (kind.isEmpty()) {
            return failed(presentedToken, "malformed token");
        }
        if (kind.get() != TokenKind.PERSONAL) {
            return failed(presentedToken, "a deployment token is not a control-plane credential");
        }
        Optional<AccessToken> found = tokens.findByHash(TokenHash.of(presentedToken));
        if (found.isEmpty() || found.get().deployment().isPresent()) {
            return failed(presentedToken, "unknown token");
        }
        AccessToken token = found.get();
        if (token.isRevoked()) {
            return failed(presentedToken, "revoked token");
        }
        Optional<User> user = users.find(token.owner());
        if (user.isEmpty()) {
            return failed(presentedToken, "the token's user does not exist");
        }
        if (user.get().disabled()) {
            return failed(presentedToken, "the token's user is disabled");
        }
        failures.flushIfDue();
        Instant now = clock.instant();
        if (token.lastUsedAt().map(used -> !used.plus(TOUCH_INTERVAL).isAfter(now)).orElse(true)) {
            tokens.touch(token.id(), now);
        }
        return Optional.of(new Principal(user.get().id(), user.get().role(), token.id()));
    }

    private Optional<Principal> failed(String presented, String why) {
        failures.failed(TokenKind.visiblePrefix(presented), why);
        return Optional.empty();
    }
}
