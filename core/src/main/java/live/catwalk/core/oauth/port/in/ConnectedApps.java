package live.catwalk.core.oauth.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.oauth.domain.ClientKind;
import live.catwalk.core.oauth.domain.GrantId;
import live.catwalk.core.oauth.domain.OAuthClientId;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * The applications that hold a live grant on one of the caller's deployments (an admin: on any), with their last
 * use, and revoking one (its grant and every token of it). Someone else's deployment, or a grant of another
 * deployment, is NOT_FOUND. Thread-safe.
 */
public interface ConnectedApps {

    /** The deployment's connected applications, the most recently granted first. */
    List<App> list(Principal caller, DeploymentId deployment);

    /** Ends one application's access to the deployment at once. */
    void revoke(Principal caller, DeploymentId deployment, GrantId grant);

    /** An application with a live grant on a deployment: who, since when, last used, with which scopes. */
    record App(GrantId grant, OAuthClientId client, String name, ClientKind kind, Set<String> scopes,
               Instant grantedAt, Optional<Instant> lastUsedAt) {
        public App {
            Objects.requireNonNull(grant, "grant");
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            scopes = Set.copyOf(scopes);
            Objects.requireNonNull(grantedAt, "grantedAt");
            Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        }
    }
}
