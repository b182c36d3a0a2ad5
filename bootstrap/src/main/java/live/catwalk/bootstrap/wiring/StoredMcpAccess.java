package live.catwalk.bootstrap.wiring;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import live.catwalk.core.account.port.in.AuthenticateDeploymentToken;
import live.catwalk.core.mcp.domain.http.Challenge;
import live.catwalk.core.mcp.domain.http.Headers;
import live.catwalk.core.mcp.port.out.McpAccess;
import live.catwalk.core.oauth.domain.OAuthSecret;
import live.catwalk.core.oauth.port.in.AuthenticateOAuthToken;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * Access to deployments created through the API: core's deployment-token rule ({@link
 * AuthenticateDeploymentToken}) decides for {@code cwd_} tokens, the authorization server's ({@link
 * AuthenticateOAuthToken}) for the access tokens it issued, bound to one deployment; the deployments file's access
 * decides for the ids it defines. The principal is the token's id (or its grant's), never the token. A refusal
 * names the deployment's resource metadata (401, {@code invalid_token} once a token was presented), and so does the
 * 403 for an access token without the {@code mcp} scope; the file's deployments and ids that are no deployment id
 * get a plain Bearer challenge, since OAuth cannot open them.
 */
final class StoredMcpAccess implements McpAccess {

    private final AuthenticateDeploymentToken tokens;
    private final AuthenticateOAuthToken oauth;
    private final ConfiguredMcpAccess configured;
    private final Function<DeploymentId, String> resourceMetadata;

    /** {@code resourceMetadata}: the absolute URL of a deployment's protected resource metadata. */
    StoredMcpAccess(AuthenticateDeploymentToken tokens, AuthenticateOAuthToken oauth, ConfiguredMcpAccess configured,
                    Function<DeploymentId, String> resourceMetadata) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.oauth = Objects.requireNonNull(oauth, "oauth");
        this.configured = Objects.requireNonNull(configured, "configured");
        this.resourceMetadata = Objects.requireNonNull(resourceMetadata, "resourceMetadata");
    }

    @Override
    public Decision decide(String deploymentId, Headers headers, Optional<String> bearerToken) {
        // One hash per request: a deployment is either the file's or the database's, never both.
        if (configured.defines(deploymentId)) {
            return configured.principal(deploymentId, bearerToken).<Decision>map(Decision.Granted::new)
                    .orElseGet(() -> new Decision.Refused(Challenge.bearer()));
        }
        Optional<DeploymentId> parsed = DeploymentId.parse(deploymentId);
        if (parsed.isEmpty()) {
            return new Decision.Refused(Challenge.bearer()); // answers as a wrong token does
        }
        DeploymentId id = parsed.get();
        if (bearerToken.isEmpty()) {
            return refused(id, false);
        }
        if (OAuthSecret.ACCESS.matches(bearerToken.get())) {
            return switch (oauth.authenticate(id, bearerToken.get())) {
                case AuthenticateOAuthToken.Result.Granted g -> new Decision.Granted(g.principal());
                case AuthenticateOAuthToken.Result.Insufficient i -> new Decision.Forbidden(
                        Challenge.insufficientScope(resourceMetadata.apply(id), i.required()));
                case AuthenticateOAuthToken.Result.Refused r -> refused(id, true);
            };
        }
        return tokens.authenticate(id, bearerToken.get()).<Decision>map(token -> new Decision.Granted("token:" + token))
                .orElseGet(() -> refused(id, true));
    }

    private Decision refused(DeploymentId id, boolean tokenPresented) {
        return new Decision.Refused(Challenge.oauth(resourceMetadata.apply(id), tokenPresented));
    }
}
