package live.catwalk.adapters.rest.oauth;

import java.net.URI;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import live.catwalk.adapters.rest.EdgeLimits;
import live.catwalk.core.account.port.in.BrowserSessions;
import live.catwalk.core.account.port.in.SignInWithGitHub;
import live.catwalk.core.oauth.port.in.Authorize;
import live.catwalk.core.oauth.port.in.ExchangeToken;
import live.catwalk.core.oauth.port.in.RegisterClient;
import live.catwalk.core.oauth.port.in.RevokeOAuthToken;

/**
 * What Catwalk serves as the OAuth 2.1 authorization server of its deployments: the authorization endpoint's
 * decisions, the token endpoint, dynamic registration and revocation, and which deployment ids (as a path names them)
 * are protected resources.
 */
public record AuthorizationServer(Authorize authorize, ExchangeToken token, RegisterClient register,
                                  RevokeOAuthToken revoke, Predicate<String> deploymentExists) {

    public AuthorizationServer {
        Objects.requireNonNull(authorize, "authorize");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(revoke, "revoke");
        Objects.requireNonNull(deploymentExists, "deploymentExists");
    }

    /**
     * The Jersey resources that serve it: {@code /authorize} (over the dashboard's browser {@code sessions}, with
     * sign-in through {@code github} on the consent page when that is set up), the machine endpoints and the metadata
     * documents, with absolute URLs built on {@code base}; client authentication and registration within {@code limits}.
     */
    public List<Object> components(BrowserSessions sessions, Supplier<URI> base, SignInWithGitHub github,
                                   EdgeLimits limits) {
        BooleanSupplier secure = () -> "https".equals(base.get().getScheme());
        return List.of(new AuthorizationResource(authorize, sessions, github, secure),
                new ResourceMetadataResource(base, deploymentExists), new TokenEndpoints(this, base, limits));
    }
}
