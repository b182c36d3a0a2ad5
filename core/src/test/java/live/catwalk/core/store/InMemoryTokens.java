package live.catwalk.core.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.account.port.out.TokenRepository;
import live.catwalk.core.shared.domain.DeploymentId;

final class InMemoryTokens implements TokenRepository {

    private final InMemoryStore store;

    InMemoryTokens(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public void insert(AccessToken token) {
        synchronized (store.lock) {
            store.requireUser(token.owner());
            token.deployment().ifPresent(store::requireDeployment);
            if (store.tokens.containsKey(token.id()) || findByHash(token.hash()).isPresent()) {
                throw InMemoryStore.conflict("a token with this id or hash exists");
            }
            store.tokens.put(token.id(), token);
        }
    }

    @Override
    public Optional<AccessToken> findByHash(TokenHash hash) {
        synchronized (store.lock) {
            return store.tokens.values().stream().filter(t -> t.hash().equals(hash)).findFirst();
        }
    }

    @Override
    public Optional<AccessToken> find(TokenId id) {
        synchronized (store.lock) {
            return Optional.ofNullable(store.tokens.get(id));
        }
    }

    @Override
    public List<AccessToken> listByOwner(UserId owner) {
        synchronized (store.lock) {
            return store.tokens.values().stream().filter(t -> t.owner().equals(owner))
                    .sorted(Comparator.comparing(AccessToken::createdAt).reversed()).toList();
        }
    }

    @Override
    public boolean revoke(TokenId id, UserId owner, Instant at) {
        synchronized (store.lock) {
            AccessToken token = store.tokens.get(id);
            if (token == null || !token.owner().equals(owner) || token.isRevoked()) {
                return false;
            }
            store.tokens.put(id, revoked(token, at));
            return true;
        }
    }

    @Override
    public int revokeForDeployment(DeploymentId deployment, Instant at) {
        synchronized (store.lock) {
            List<AccessToken> live = store.tokens.values().stream()
                    .filter(t -> t.deployment().equals(Optional.of(deployment)) && !t.isRevoked()).toList();
            live.forEach(t -> store.tokens.put(t.id(), revoked(t, at)));
            return live.size();
        }
    }

    @Override
    public int revokeForOwner(UserId owner, Instant at) {
        synchronized (store.lock) {
            List<AccessToken> live = store.tokens.values().stream()
                    .filter(t -> t.owner().equals(owner) && !t.isRevoked()).toList();
            live.forEach(t -> store.tokens.put(t.id(), revoked(t, at)));
            return live.size();
        }
    }

    @Override
    public void touch(TokenId id, Instant at) {
        synchronized (store.lock) {
            AccessToken t = store.tokens.get(id);
            if (t != null && t.lastUsedAt().filter(used -> !used.isBefore(at)).isEmpty()) {
                store.tokens.put(id, new AccessToken(t.id(), t.owner(), t.deployment(), t.name(), t.prefix(),
                        t.hash(), t.createdAt(), Optional.of(at), t.revokedAt()));
            }
        }
    }

    private static AccessToken revoked(AccessToken t, Instant at) {
        return new AccessToken(t.id(), t.owner(), t.deployment(), t.name(), t.prefix(), t.hash(), t.createdAt(),
                t.lastUsedAt(), Optional.of(at));
    }
}
