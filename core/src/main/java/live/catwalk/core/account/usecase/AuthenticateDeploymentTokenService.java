package live.catwalk.core.account.usecase;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.account.domain.TokenKind;
import live.catwalk.core.account.port.in.AuthenticateDeploymentToken;
import live.catwalk.core.account.port.out.TokenRepository;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * The same token rule as {@link AuthenticateService} (well-formed by {@link TokenKind}, found by its hash, not
 * revoked, last use written at most once a {@link AuthenticateService#TOUCH_INTERVAL}) for deployment tokens on
 * the hot path. The repository may be a cache whose last-used times are stale, so the last write per token is
 * remembered here (at most 10,000 tokens; forgotten all at once beyond that, which only costs a write).
 */
public final class AuthenticateDeploymentTokenService implements AuthenticateDeploymentToken {

    private static final int REMEMBERED = 10_000;

    private final TokenRepository tokens;
    private final Clock clock;
    private final Map<TokenId, Instant> touched = new ConcurrentHashMap<>();

    public AuthenticateDeploymentTokenService(TokenRepository tokens, Clock clock) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<TokenId> authenticate(DeploymentId deployment, String presentedToken) {
        Objects.requireNonNull(deployment, "deployment");
        if (TokenKind.of(presentedToken).filter(kind -> kind == TokenKind.DEPLOYMENT).isEmpty()) {
            return Optional.empty();
        }
        Optional<AccessToken> token = tokens.findByHash(TokenHash.of(presentedToken))
                .filter(t -> !t.isRevoked())
                .filter(t -> t.deployment().map(deployment::equals).orElse(false));
        token.ifPresent(this::touchAtMostOnceAnInterval);
        return token.map(AccessToken::id);
    }

    private void touchAtMostOnceAnInterval(AccessToken token) {
        Instant now = clock.instant();
        Instant last = touched.getOrDefault(token.id(), token.lastUsedAt().orElse(Instant.MIN));
        if (!last.plus(AuthenticateService.TOUCH_INTERVAL).isAfter(now)) {
            if (touched.size() >= REMEMBERED) {
                touched.clear();
            }
            touched.put(token.id(), now);
            tokens.touch(token.id(), now);
        }
    }
}
