package live.catwalk.bootstrap.wiring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.account.port.out.TokenRepository;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * Live deployment tokens by hash, kept in memory so that an MCP request does not cost a database round
 * trip. Any change to tokens made through this instance (and any deployment deleted, see
 * {@link #invalidate}) empties the cache at once; entries also expire after {@link #TTL}, the most a change
 * made by another Catwalk on the same database can take to be seen here.
 */
final class CachingTokens implements TokenRepository {

    static final Duration TTL = Duration.ofSeconds(10);
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(AccessToken token, Instant until) {
    }

    private final TokenRepository tokens;
    private final Clock clock;
    private final Map<TokenHash, Entry> live = new ConcurrentHashMap<>();

    CachingTokens(TokenRepository tokens, Clock clock) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Forgets everything; for changes that reach tokens without this class (a deployment's delete cascades). */
    void invalidate() {
        live.clear();
    }

    @Override
    public Optional<AccessToken> findByHash(TokenHash hash) {
        Instant now = clock.instant();
        Entry entry = live.get(hash);
        if (entry != null && now.isBefore(entry.until())) {
            return Optional.of(entry.token());
        }
        Optional<AccessToken> found = tokens.findByHash(hash);
        found.filter(t -> t.deployment().isPresent() && !t.isRevoked()).ifPresentOrElse(t -> {
            if (live.size() >= MAX_ENTRIES) {
                live.clear();
            }
            live.put(hash, new Entry(t, now.plus(TTL)));
        }, () -> live.remove(hash));
        return found;
    }

    @Override
    public void insert(AccessToken token) {
        tokens.insert(token);
        invalidate();
    }

    @Override
    public boolean revoke(TokenId id, UserId owner, Instant at) {
        try {
            return tokens.revoke(id, owner, at);
        } finally {
            invalidate();
        }
    }

    @Override
    public int revokeForDeployment(DeploymentId deployment, Instant at) {
        try {
            return tokens.revokeForDeployment(deployment, at);
        } finally {
            invalidate();
        }
    }

    @Override
    public int revokeForOwner(UserId owner, Instant at) {
        try {
            return tokens.revokeForOwner(owner, at);
        } finally {
            invalidate();
        }
    }

    @Override
    public Optional<AccessToken> find(TokenId id) {
        return tokens.find(id);
    }

    @Override
    public List<AccessToken> listByOwner(UserId owner) {
        return tokens.listByOwner(owner);
    }

    @Override
    public void touch(TokenId id, Instant at) {
        tokens.touch(id, at);
    }
}
