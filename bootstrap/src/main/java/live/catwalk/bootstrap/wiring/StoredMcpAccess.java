package live.catwalk.bootstrap.wiring;

import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.port.in.AuthenticateDeploymentToken;
import live.catwalk.core.mcp.port.out.McpAccess;
import live.catwalk.core.oauth.domain.OAuthSecret;
import live.catwalk.core.oauth.port.in.AuthenticateOAuthToken;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * Access to deployments created through the API: core's deployment-token rule ({@link
 * AuthenticateDeploymentToken}) decides for {@code cwd_} tokens, the authorization server's ({@link
 * AuthenticateOAuthToken}) for the access tokens it issued, bound to one deployment; the deployments file's access
 * decides for the ids it defines. The principal is the token's id (or its grant's), never the token.
 */
final class StoredMcpAccess implements McpAccess.BearerCheck {

    private final AuthenticateDeploymentToken tokens;
    private final AuthenticateOAuthToken oauth;
    private final ConfiguredMcpAccess configured;

    StoredMcpAccess(AuthenticateDeploymentToken tokens, AuthenticateOAuthToken oauth, ConfiguredMcpAccess configured) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.oauth = Objects.requireNonNull(oauth, "oauth");
        this.configured = Objects.requireNonNull(configured, "configured");
    }

    @Override
    public Optional<String> principal(String deploymentId, Optional<String> bearerToken) {
        // One hash per request: a deployment is either the file's or the database's, never both.
        if (configured.defines(deploymentId)) {
            return configured.principal(deploymentId, bearerToken);
        }
        if (bearerToken.isEmpty()) {
            return Optional.empty();
        }
        Optional<DeploymentId> parsed = DeploymentId.parse(deploymentId);
        if (parsed.isEmpty()) {
            return Optional.empty(); // answers as a wrong token does
        }
        DeploymentId id = parsed.get();
        if (OAuthSecret.ACCESS.matches(bearerToken.get())) {
            // A token without the mcp scope is refused like an unknown one (403 insufficient_scope is to come).
            return oauth.authenticate(id, bearerToken.get()) instanceof AuthenticateOAuthToken.Result.Granted g
                    ? Optional.of(g.principal()) : Optional.empty();
        }
        return tokens.authenticate(id, bearerToken.get()).map(token -> "token:" + token);
    }
}
