package live.catwalk.adapters.rest.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.port.in.Authenticate;
import live.catwalk.adapters.rest.Bearer;
import live.catwalk.core.shared.CatwalkException;

/**
 * Requires {@code Authorization: Bearer <personal token>} on every {@code /api/**} request but
 * {@code /api/health} and the API's public description {@code /api/openapi.json}, before routing, so an
 * unauthenticated caller learns nothing about what exists.
 * The caller becomes the request's {@link jakarta.ws.rs.core.SecurityContext}. The token is never logged.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class BearerAuthFilter implements ContainerRequestFilter {

    private final Authenticate authenticate;

    public BearerAuthFilter(Authenticate authenticate) {
        this.authenticate = Objects.requireNonNull(authenticate, "authenticate");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!isProtected(request.getUriInfo().getPath(true))) {
            return;
        }
        Optional<String> token = Bearer.token(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token.isEmpty()) {
            throw unauthorized("This endpoint needs an Authorization: Bearer <token> header.");
        }
        Principal caller = authenticate.authenticate(token.get())
                .orElseThrow(() -> unauthorized("The bearer token is unknown, revoked or malformed."));
        request.setSecurityContext(new Caller(caller, request.getSecurityContext().isSecure()));
    }

    /**
     * Whether a decoded request path (the one Jersey routes on) is under {@code /api} and not the health
     * check or the OpenAPI document. Empty segments and matrix parameters are ignored, as routing ignores them.
     */
    static boolean isProtected(String decodedPath) {
        List<String> segments = Arrays.stream(decodedPath.split("/"))
                .map(segment -> segment.contains(";") ? segment.substring(0, segment.indexOf(';')) : segment)
                .filter(segment -> !segment.isEmpty())
                .toList();
        return !segments.isEmpty() && segments.getFirst().equals("api")
                && !segments.equals(List.of("api", "health")) && !segments.equals(List.of("api", "openapi.json"));
    }

    private static CatwalkException unauthorized(String message) {
        return CatwalkException.of(CatwalkException.Kind.UNAUTHORIZED, message)
                .withHint("Send a personal access token (cwk_…) as Authorization: Bearer <token>.");
    }
}
