package live.catwalk.core.oauth.port.in;

import java.util.Objects;
import java.util.Set;
import live.catwalk.core.oauth.domain.OAuthClientId;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.domain.UserId;

/**
 * The resource server's bearer check for one deployment's MCP endpoint: an unrevoked, unexpired access token
 * ({@code cwa_…}) bound to exactly that deployment, under a live grant for it, is {@link Result.Granted} (or
 * {@link Result.Insufficient} without the {@code mcp} scope); anything else is {@link Result.Refused}, all alike.
 * Records the grant's use, at most once a minute. Thread-safe.
 */
@FunctionalInterface
public interface AuthenticateOAuthToken {

    /** Who the token speaks for, if anyone. */
    sealed interface Result {

        /**
         * Let the request through for {@code user}; {@code principal} ({@code oauth:<grant id>}) names the grant
         * stably and holds no secret.
         */
        record Granted(String principal, UserId user, OAuthClientId client) implements Result {
            public Granted {
                Objects.requireNonNull(principal, "principal");
                Objects.requireNonNull(user, "user");
                Objects.requireNonNull(client, "client");
            }
        }

        /** A valid token without the scopes the endpoint needs ({@code required}): answer 403 insufficient_scope. */
        record Insufficient(Set<String> required) implements Result {
            public Insufficient {
                required = Set.copyOf(required);
            }
        }

        /** No usable token for this deployment (malformed, unknown, expired, revoked, another's): answer 401. */
        record Refused() implements Result {
        }
    }

    Result authenticate(DeploymentId deployment, String presentedToken);
}
