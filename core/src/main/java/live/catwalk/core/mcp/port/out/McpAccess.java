package live.catwalk.core.mcp.port.out;

import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.mcp.domain.http.Challenge;
import live.catwalk.core.mcp.domain.http.Headers;

/**
 * Decides who may use a deployment's MCP endpoint, from the request's headers and the bearer token the
 * transport found (header or {@code ?token=}): the principal (a stable, secret-free id of the caller), the
 * challenge to answer 401 with, or, for a valid token short of a scope the endpoint needs, the challenge to answer
 * 403 with. A missing or wrong token and an unknown deployment are refused alike, so the answer reveals nothing.
 * Asked once per request, before anything looks up a session. Thread-safe. Throws {@code CatwalkException}
 * UPSTREAM_UNAVAILABLE when what it decides from (the database) cannot be reached now: answered 503, retry shortly.
 */
@FunctionalInterface
public interface McpAccess {

    Decision decide(String deploymentId, Headers headers, Optional<String> bearerToken);

    /** Granted with a principal, refused with a challenge, or forbidden with one. */
    sealed interface Decision {

        /** The caller may use the deployment as {@code principal}. */
        record Granted(String principal) implements Decision {
            public Granted {
                Objects.requireNonNull(principal, "principal");
            }
        }

        /** The caller may not; 401 with this challenge. */
        record Refused(Challenge challenge) implements Decision {
            public Refused {
                Objects.requireNonNull(challenge, "challenge");
            }
        }

        /** The caller's token is valid but lacks a scope the endpoint needs; 403 with this challenge. */
        record Forbidden(Challenge challenge) implements Decision {
            public Forbidden {
                Objects.requireNonNull(challenge, "challenge");
            }
        }
    }

    /** A check of the bearer token alone: the principal, or empty for a refusal. */
    @FunctionalInterface
    interface BearerCheck {
        Optional<String> principal(String deploymentId, Optional<String> bearerToken);
    }

    /** Access decided by a bearer-token check; a refusal gets {@link Challenge#bearer()}. */
    static McpAccess bearer(BearerCheck check) {
        Objects.requireNonNull(check, "check");
        return (deploymentId, headers, bearerToken) -> check.principal(deploymentId, bearerToken)
                .<Decision>map(Decision.Granted::new)
                .orElseGet(() -> new Decision.Refused(Challenge.bearer()));
    }
}
