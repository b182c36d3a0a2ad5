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
import live.catwalk.core.account.domain.BrowserSession;
import live.catwalk.core.account.port.in.Authenticate;
import live.catwalk.core.account.port.in.BrowserSessions;
import live.catwalk.adapters.rest.Bearer;
import live.catwalk.adapters.rest.ClientAddress;
import live.catwalk.adapters.rest.EdgeLimits;
import live.catwalk.core.shared.CatwalkException;

/**
 * Requires {@code Authorization: Bearer <personal token>} on every {@code /api/**} request but
 * {@code /api/health} and the API's public description {@code /api/openapi.json}, before routing, so an
 * unauthenticated caller learns nothing about what exists.
 * The caller becomes the request's {@link jakarta.ws.rs.core.SecurityContext}. The token is never logged. A client
 * address or token prefix that failed too often is refused before its credential is checked, and a token's requests
 * count against its budget ({@link EdgeLimits}: 429 with {@code Retry-After}).
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class BearerAuthFilter implements ContainerRequestFilter {

    private static final java.util.Set<String> SAFE_METHODS = java.util.Set.of("GET", "HEAD", "OPTIONS");

    private final Authenticate authenticate;
    private final BrowserSessions sessions;
    private final EdgeLimits limits;

    public BearerAuthFilter(Authenticate authenticate, BrowserSessions sessions, EdgeLimits limits) {
        this.authenticate = Objects.requireNonNull(authenticate, "authenticate");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath(true);
        if (!isProtected(path) || "POST".equals(request.getMethod()) && isSignIn(path)) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<String> session = SessionResource.secret(request.getCookies());
        String address = ClientAddress.of(request);
        if (authorization == null && session.isPresent()) {
            String secret = session.get();
            admit(address, Optional.empty());
            request.setSecurityContext(new Caller(signedIn(request, secret),
                    request.getSecurityContext().isSecure(), () -> sessions.authenticate(secret).isPresent()));
            return;
        }
        Optional<String> token = Bearer.token(authorization);
        if (token.isEmpty()) {
            throw unauthorized("This endpoint needs an Authorization: Bearer <token> header (or a signed-in "
                    + "browser's session).");
        }
        admit(address, token);
        Principal caller = authenticate.authenticate(token.get()).orElseThrow(() -> {
            limits.failed(address, token);
            return unauthorized("The bearer token is unknown, revoked or malformed.");
        });
        limits.request(token.get()).ifPresent(spent -> {
            throw spent.exception();
        });
        String bearer = token.get();
        request.setSecurityContext(new Caller(caller, request.getSecurityContext().isSecure(),
                () -> authenticate.authenticate(bearer).isPresent()));
    }

    /**
     * The browser's caller; a change it asks for must carry the session's CSRF token. An ended session is no failed
     * authentication: a tab whose session ended (at a restart, say) retries its event stream every few seconds.
     */
    private Principal signedIn(ContainerRequestContext request, String secret) {
        Principal caller = sessions.authenticate(secret).orElseThrow(() -> CatwalkException.of(
                CatwalkException.Kind.UNAUTHORIZED, "This browser's session has ended.")
                .withCode("session_ended").withHint("Sign in again."));
        if (!SAFE_METHODS.contains(request.getMethod())) {
            String sent = request.getHeaderString(SessionResource.CSRF_HEADER);
            byte[] expected = BrowserSession.csrfFor(secret).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            if (sent == null || !java.security.MessageDigest.isEqual(expected,
                    sent.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                throw CatwalkException.of(CatwalkException.Kind.FORBIDDEN, "A change from a browser session needs "
                        + "its CSRF token.").withCode("csrf_required")
                        .withHint("Send the csrfToken that sign-in (or GET /api/session) gave in the "
                                + SessionResource.CSRF_HEADER + " header.");
            }
        }
        return caller;
    }

    /** Refuses (429) a request whose address or credential prefix failed to authenticate too often. */
    private void admit(String address, Optional<String> credential) {
        limits.authentication(address, credential).ifPresent(refusal -> {
            throw refusal.exception();
        });
    }

    /** {@code /api/session}, where a browser signs in with a token in the body. */
    static boolean isSignIn(String decodedPath) {
        return segments(decodedPath).equals(List.of("api", "session"));
    }

    /**
     * Whether a decoded request path (the one Jersey routes on) is under {@code /api} and not the health
     * check, the OpenAPI document or the sign-in methods. Empty segments and matrix parameters are ignored, as routing ignores them.
     */
    static boolean isProtected(String decodedPath) {
        List<String> segments = segments(decodedPath);
        return !segments.isEmpty() && segments.getFirst().equals("api")
                && !segments.equals(List.of("api", "health")) && !segments.equals(List.of("api", "openapi.json"))
                && !segments.equals(List.of("api", "session", "methods"));
    }

    private static List<String> segments(String decodedPath) {
        return Arrays.stream(decodedPath.split("/"))
                .map(segment -> segment.contains(";") ? segment.substring(0, segment.indexOf(';')) : segment)
                .filter(segment -> !segment.isEmpty())
                .toList();
    }

    private static CatwalkException unauthorized(String message) {
        return CatwalkException.of(CatwalkException.Kind.UNAUTHORIZED, message)
                .withHint("Send a personal access token (cwk_…) as Authorization: Bearer <token>.");
    }
}
