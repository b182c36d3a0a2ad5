package live.catwalk.core.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.oauth.domain.AuthorizationCode;
import live.catwalk.core.oauth.domain.ClientKind;
import live.catwalk.core.oauth.domain.Grant;
import live.catwalk.core.oauth.domain.GrantId;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.oauth.domain.OAuthClientId;
import live.catwalk.core.oauth.domain.OAuthToken;
import live.catwalk.core.oauth.domain.OAuthTokenKind;
import live.catwalk.core.oauth.domain.Redemption;
import live.catwalk.core.oauth.domain.Rotation;
import live.catwalk.core.oauth.port.out.OAuthStore;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.domain.UserId;

final class InMemoryOAuthStore implements OAuthStore {

    private final InMemoryStore store;

    InMemoryOAuthStore(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public void saveClient(OAuthClient client) {
        synchronized (store.lock) {
            store.oauthClients.put(client.id(), client);
        }
    }

    @Override
    public Optional<OAuthClient> findClient(OAuthClientId id) {
        synchronized (store.lock) {
            return Optional.ofNullable(store.oauthClients.get(id));
        }
    }

    @Override
    public void touchClient(OAuthClientId id, Instant at) {
        synchronized (store.lock) {
            OAuthClient client = store.oauthClients.get(id);
            if (client != null && client.lastUsedAt().filter(used -> !used.isBefore(at)).isEmpty()) {
                store.oauthClients.put(id, client.usedAt(at));
            }
        }
    }

    @Override
    public int pruneClients(Instant unusedSince) {
        synchronized (store.lock) {
            List<OAuthClientId> stale = store.oauthClients.values().stream()
                    .filter(c -> c.kind() == ClientKind.REGISTERED)
                    .filter(c -> c.lastUsedAt().orElse(c.createdAt()).isBefore(unusedSince))
                    .filter(c -> store.grants.values().stream().noneMatch(g -> g.client().equals(c.id()) && g.isLive()))
                    .map(OAuthClient::id).toList();
            stale.forEach(store.oauthClients::remove);
            store.removeGrants(g -> stale.contains(g.client()));
            return stale.size();
        }
    }

    @Override
    public void insertGrant(Grant grant) {
        synchronized (store.lock) {
            store.requireUser(grant.user());
            if (!store.oauthClients.containsKey(grant.client())) {
                throw CatwalkException.notFound("no client " + grant.client());
            }
            store.requireDeployment(grant.deployment());
            if (store.grants.containsKey(grant.id())) {
                throw InMemoryStore.conflict("a grant with this id exists");
            }
            if (grant.isLive() && liveGrant(grant.user(), grant.client(), grant.deployment()).isPresent()) {
                throw InMemoryStore.conflict("this user already granted this client this deployment");
            }
            store.grants.put(grant.id(), grant);
        }
    }

    @Override
    public Optional<Grant> findGrant(GrantId id) {
        synchronized (store.lock) {
            return Optional.ofNullable(store.grants.get(id));
        }
    }

    @Override
    public Optional<Grant> liveGrant(UserId user, OAuthClientId client, DeploymentId deployment) {
        synchronized (store.lock) {
            return store.grants.values().stream().filter(g -> g.isLive() && g.user().equals(user)
                    && g.client().equals(client) && g.deployment().equals(deployment)).findFirst();
        }
    }

    @Override
    public List<Grant> grantsOf(DeploymentId deployment) {
        synchronized (store.lock) {
            // ties broken as the databases order UUIDs: by their canonical text
            return store.grants.values().stream().filter(g -> g.isLive() && g.deployment().equals(deployment))
                    .sorted(Comparator.comparing(Grant::createdAt)
                            .thenComparing(g -> g.id().value().toString()).reversed())
                    .toList();
        }
    }

    @Override
    public boolean revokeGrant(GrantId id, Instant at) {
        synchronized (store.lock) {
            Grant grant = store.grants.get(id);
            if (grant == null || !grant.isLive()) {
                return false;
            }
            revoke(grant, at);
            return true;
        }
    }

    @Override
    public int revokeGrantsOfUser(UserId user, Instant at) {
        synchronized (store.lock) {
            List<Grant> live = store.grants.values().stream().filter(g -> g.isLive() && g.user().equals(user))
                    .toList();
            live.forEach(g -> revoke(g, at));
            return live.size();
        }
    }

    private void revoke(Grant grant, Instant at) {
        store.grants.put(grant.id(), grant.revokedAt(at));
        store.codes.values().removeIf(c -> c.grant().equals(grant.id()));
        store.oauthTokens.replaceAll((hash, t) -> t.grant().equals(grant.id()) && t.revokedAt().isEmpty()
                ? t.revokedAt(at) : t);
    }

    @Override
    public void touchGrant(GrantId id, Instant at) {
        synchronized (store.lock) {
            Grant grant = store.grants.get(id);
            if (grant != null && grant.lastUsedAt().filter(used -> !used.isBefore(at)).isEmpty()) {
                store.grants.put(id, grant.usedAt(at));
            }
        }
    }

    @Override
    public void insertCode(AuthorizationCode code) {
        synchronized (store.lock) {
            requireLiveGrant(code.grant());
            if (store.codes.containsKey(code.hash())) {
                throw InMemoryStore.conflict("a code with this hash exists");
            }
            store.codes.put(code.hash(), code);
        }
    }

    @Override
    public Redemption redeemCode(TokenHash hash, Instant now) {
        synchronized (store.lock) {
            AuthorizationCode code = store.codes.get(hash);
            if (code == null) {
                return new Redemption.Unknown();
            }
            if (code.usedAt().isPresent()) {
                return new Redemption.Replayed(code);
            }
            if (code.isExpiredAt(now)) {
                return new Redemption.Expired(code);
            }
            AuthorizationCode used = code.usedAt(now);
            store.codes.put(hash, used);
            return new Redemption.Redeemed(used);
        }
    }

    @Override
    public void insertToken(OAuthToken token) {
        synchronized (store.lock) {
            requireLiveGrant(token.grant());
            if (store.oauthTokens.containsKey(token.hash())) {
                throw InMemoryStore.conflict("a token with this hash exists");
            }
            store.oauthTokens.put(token.hash(), token);
        }
    }

    @Override
    public Optional<OAuthToken> findToken(TokenHash hash) {
        synchronized (store.lock) {
            return Optional.ofNullable(store.oauthTokens.get(hash));
        }
    }

    @Override
    public Rotation useRefreshToken(TokenHash hash, Instant now) {
        synchronized (store.lock) {
            OAuthToken token = store.oauthTokens.get(hash);
            if (token == null || token.kind() != OAuthTokenKind.REFRESH) {
                return new Rotation.Unknown();
            }
            if (token.revokedAt().isPresent()) {
                return new Rotation.Revoked(token);
            }
            if (token.usedAt().isPresent()) {
                return new Rotation.Reused(token);
            }
            if (token.isExpiredAt(now)) {
                return new Rotation.Expired(token);
            }
            OAuthToken used = token.usedAt(now);
            store.oauthTokens.put(hash, used);
            return new Rotation.Rotated(used);
        }
    }

    @Override
    public boolean revokeToken(TokenHash hash, Instant at) {
        synchronized (store.lock) {
            OAuthToken token = store.oauthTokens.get(hash);
            if (token == null || token.revokedAt().isPresent()) {
                return false;
            }
            store.oauthTokens.put(hash, token.revokedAt(at));
            return true;
        }
    }

    @Override
    public int revokeTokensFromCode(TokenHash code, Instant at) {
        synchronized (store.lock) {
            List<OAuthToken> live = store.oauthTokens.values().stream()
                    .filter(t -> t.fromCode().equals(Optional.of(code)) && t.revokedAt().isEmpty()).toList();
            live.forEach(t -> store.oauthTokens.put(t.hash(), t.revokedAt(at)));
            return live.size();
        }
    }

    @Override
    public int pruneExpired(Instant before) {
        synchronized (store.lock) {
            int codes = store.codes.size();
            store.codes.values().removeIf(c -> c.expiresAt().isBefore(before));
            int tokens = store.oauthTokens.size();
            store.oauthTokens.values().removeIf(t -> t.expiresAt().isBefore(before));
            return codes - store.codes.size() + tokens - store.oauthTokens.size();
        }
    }

    /** Call with the lock held. */
    private void requireLiveGrant(GrantId id) {
        Grant grant = store.grants.get(id);
        if (grant == null) {
            throw CatwalkException.notFound("no grant " + id);
        }
        if (!grant.isLive()) {
            throw InMemoryStore.conflict("the grant was revoked");
        }
    }
}
