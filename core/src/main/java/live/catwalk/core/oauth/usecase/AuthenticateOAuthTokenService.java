package live.catwalk.core.oauth.usecase;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.oauth.domain.Grant;
import live.catwalk.core.oauth.domain.OAuthSecret;
import live.catwalk.core.oauth.domain.OAuthToken;
import live.catwalk.core.oauth.domain.OAuthTokenKind;
import live.catwalk.core.oauth.domain.ScopePolicy;
import live.catwalk.core.oauth.port.in.AuthenticateOAuthToken;
import live.catwalk.core.oauth.port.out.OAuthStore;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * The audience rule (RFC 8707, MCP "Token Handling"): the token's resource must be this deployment's canonical URI
 * on the public base, and its grant live and for this deployment. The grant is read on every request anyway, so its
 * last use is written only when the stored one is a minute old or more.
 */
public final class AuthenticateOAuthTokenService implements AuthenticateOAuthToken {

    /** How often a grant's last use is written at most. */
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    private static final Set<String> REQUIRED = Set.of(ScopePolicy.MCP);

    private final OAuthStore store;
    private final ResourceParameter resources;
    private final Clock clock;

    /** {@code publicBase}: Catwalk's public URI (absolute http(s), ending in {@code /}) on which resources live. */
    public AuthenticateOAuthTokenService(OAuthStore store, URI publicBase, Clock clock) {
        this(store, new ResourceParameter(publicBase), clock);
    }

    /** As above, with the public URI read at each request (a server bound to port 0 knows it only once bound). */
    public AuthenticateOAuthTokenService(OAuthStore store, Supplier<URI> publicBase, Clock clock) {
        this(store, new ResourceParameter(publicBase), clock);
    }

    private AuthenticateOAuthTokenService(OAuthStore store, ResourceParameter resources, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.resources = resources;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Result authenticate(DeploymentId deployment, String presentedToken) {
        Objects.requireNonNull(deployment, "deployment");
        if (!OAuthSecret.ACCESS.matches(presentedToken)) {
            return new Result.Refused();
        }
        Instant now = clock.instant();
        URI resource = resources.of(deployment);
        Optional<OAuthToken> token = store.findToken(TokenHash.of(presentedToken))
                .filter(t -> t.kind() == OAuthTokenKind.ACCESS && t.isUsableAt(now) && t.resource().equals(resource));
        Optional<Grant> grant = token.flatMap(t -> store.findGrant(t.grant()))
                .filter(g -> g.isLive() && g.deployment().equals(deployment));
        if (grant.isEmpty()) {
            return new Result.Refused();
        }
        if (!token.get().scopes().containsAll(REQUIRED)) {
            return new Result.Insufficient(REQUIRED);
        }
        if (grant.get().lastUsedAt().filter(last -> last.plus(TOUCH_INTERVAL).isAfter(now)).isEmpty()) {
            store.touchGrant(grant.get().id(), now);
        }
        return new Result.Granted("oauth:" + grant.get().id(), grant.get().user(), grant.get().client());
    }
}
