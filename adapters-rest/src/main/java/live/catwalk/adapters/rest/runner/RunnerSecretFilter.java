package live.catwalk.adapters.rest.runner;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Objects;
import java.util.function.Predicate;
import live.catwalk.adapters.rest.Bearer;
import live.catwalk.core.shared.CatwalkException;

/**
 * Requires {@code Authorization: Bearer <runner secret>} on every route a runner's Jersey serves, before routing, so a
 * caller without it learns nothing, not even which paths exist: 401 problem JSON.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class RunnerSecretFilter implements ContainerRequestFilter {

    private final Predicate<String> secretMatches;

    /** {@code secretMatches}: whether a presented bearer token is the runner secret (compared in constant time). */
    public RunnerSecretFilter(Predicate<String> secretMatches) {
        this.secretMatches = Objects.requireNonNull(secretMatches, "secretMatches");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        require(request.getHeaderString(HttpHeaders.AUTHORIZATION), secretMatches);
    }

    static void require(String authorization, Predicate<String> secretMatches) {
        if (Bearer.token(authorization).filter(secretMatches).isEmpty()) {
            throw CatwalkException.of(CatwalkException.Kind.UNAUTHORIZED,
                    "This runner needs Authorization: Bearer <runner secret>.");
        }
    }
}
