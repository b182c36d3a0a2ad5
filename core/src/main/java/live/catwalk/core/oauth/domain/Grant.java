package live.catwalk.core.oauth.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.domain.UserId;

/**
 * One user's consent that one client may use one of their deployments with these scopes (e.g. {@code mcp} and
 * {@code offline_access}). It is live until {@code revokedAt}; revoking it revokes every token issued under it.
 */
public record Grant(GrantId id, UserId user, OAuthClientId client, DeploymentId deployment, Set<String> scopes,
                    Instant createdAt, Optional<Instant> lastUsedAt, Optional<Instant> revokedAt) {

    public Grant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(deployment, "deployment");
        scopes = Scopes.checked(scopes);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }

    /** A live grant, never used, given at {@code now}. */
    public static Grant given(GrantId id, UserId user, OAuthClientId client, DeploymentId deployment,
                              Set<String> scopes, Instant now) {
        return new Grant(id, user, client, deployment, scopes, now, Optional.empty(), Optional.empty());
    }

    public boolean isLive() {
        return revokedAt.isEmpty();
    }

    /** This grant with {@code lastUsedAt} set to {@code at}. */
    public Grant usedAt(Instant at) {
        return new Grant(id, user, client, deployment, scopes, createdAt, Optional.of(at), revokedAt);
    }

    /** This grant revoked at {@code at}. */
    public Grant revokedAt(Instant at) {
        return new Grant(id, user, client, deployment, scopes, createdAt, lastUsedAt, Optional.of(at));
    }
}
