package live.catwalk.core.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.account.domain.GitHubIdentity;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.shared.domain.SettingName;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.analysis.domain.CachedAnalysis;
import live.catwalk.core.credential.domain.Credential;
import live.catwalk.core.credential.domain.SealedSecret;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.DeploymentEvent;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.oauth.domain.AuthorizationCode;
import live.catwalk.core.oauth.domain.Grant;
import live.catwalk.core.oauth.domain.GrantId;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.oauth.domain.OAuthClientId;
import live.catwalk.core.oauth.domain.OAuthToken;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.CatwalkException.Kind;

/**
 * An in-memory store behind every repository port, honouring their contracts; thread-safe, as every
 * operation runs under one lock (which also makes each one atomic).
 */
public final class InMemoryStore {

    final Object lock = new Object();
    final Map<UserId, User> users = new LinkedHashMap<>();
    final Map<TokenId, AccessToken> tokens = new LinkedHashMap<>();
    final Map<UserId, Map<SettingName, SealedSecret>> settings = new HashMap<>();
    final List<AuditEntry> audit = new ArrayList<>();
    final Map<DeploymentId, Deployment> deployments = new LinkedHashMap<>();
    final List<DeploymentEvent> events = new ArrayList<>();
    final Map<DeploymentId, List<Credential>> credentials = new HashMap<>();
    final Map<String, CachedAnalysis> analyses = new HashMap<>();
    final Map<OAuthClientId, OAuthClient> oauthClients = new LinkedHashMap<>();
    final Map<GrantId, Grant> grants = new LinkedHashMap<>();
    final Map<TokenHash, AuthorizationCode> codes = new LinkedHashMap<>();
    final Map<TokenHash, OAuthToken> oauthTokens = new LinkedHashMap<>();
    final Map<UserId, GitHubIdentity> githubIdentities = new LinkedHashMap<>();

    /** Every port over this store. */
    public Stores stores() {
        return new Stores(new InMemoryUsers(this), new InMemoryTokens(this), new InMemorySettings(this),
                new InMemoryAuditLog(this), new InMemoryDeployments(this), new InMemoryEvents(this),
                new InMemoryCredentials(this), new InMemorySealedSecrets(this), new InMemoryAnalysisCache(this),
                new InMemoryOAuthStore(this), new InMemoryGitHubIdentities(this));
    }

    /** Removes the grants that match, with their codes and tokens, as a cascade would. Call with the lock held. */
    void removeGrants(Predicate<Grant> which) {
        Set<GrantId> gone = grants.values().stream().filter(which).map(Grant::id).collect(Collectors.toSet());
        grants.keySet().removeAll(gone);
        codes.values().removeIf(c -> gone.contains(c.grant()));
        oauthTokens.values().removeIf(t -> gone.contains(t.grant()));
    }

    /** Call with the lock held. */
    void requireUser(UserId id) {
        if (!users.containsKey(id)) {
            throw CatwalkException.notFound("no user " + id);
        }
    }

    /** Call with the lock held. */
    void requireDeployment(DeploymentId id) {
        if (!deployments.containsKey(id)) {
            throw CatwalkException.notFound("no deployment " + id);
        }
    }

    static CatwalkException conflict(String message) {
        return CatwalkException.of(Kind.CONFLICT, message);
    }

    static void checkLimit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new IllegalArgumentException("limit must be 1 to " + max + ", not " + limit);
        }
    }
}
