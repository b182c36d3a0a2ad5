package live.catwalk.adapters.rest.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.adapters.rest.ClientAddress;
import live.catwalk.adapters.rest.EdgeLimits;
import live.catwalk.core.account.domain.BrowserSession;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.account.port.in.BrowserSessions;
import live.catwalk.core.account.port.in.GetMe;
import live.catwalk.core.deployment.domain.ValidationProblem;
import live.catwalk.core.shared.CatwalkException;

/**
 * {@code /api/session}: a browser signs in with a personal token ({@code POST}; the session's secret goes into an
 * HttpOnly, SameSite=Lax cookie, {@code __Host-} and Secure when Catwalk is reached over HTTPS), reads who it is and
 * its CSRF token ({@code GET}), and signs out ({@code DELETE}). Every change a session makes must carry its CSRF
 * token in {@code X-CSRF-Token} ({@link BearerAuthFilter} checks it).
 */
@Path("/api/session")
@Produces(MediaType.APPLICATION_JSON)
public final class SessionResource {

    /** The cookie's name (over HTTPS with the {@code __Host-} prefix, see {@link Cookies}). */
    static final String PLAIN_COOKIE = "catwalk_session";
    static final String CSRF_HEADER = "X-CSRF-Token";

    private final BrowserSessions sessions;
    private final GetMe getMe;
    private final boolean secure;
    private final EdgeLimits limits;

    /** Sign-in counts as authentication for {@code limits}: a wrong token is a failure, too many are refused. */
    SessionResource(BrowserSessions sessions, GetMe getMe, boolean secure, EdgeLimits limits) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.getMe = Objects.requireNonNull(getMe, "getMe");
        this.secure = secure;
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The personal token a browser signs in with. */
    record SignIn(String token) {
    }

    record SessionView(UserView user, String csrfToken, String expiresAt) {
    }

    record UserView(String id, String name, String role) {
        static UserView of(User u) {
            return new UserView(u.id().toString(), u.name(), u.role().name().toLowerCase(Locale.ROOT));
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(@Context ContainerRequestContext request, SignIn body) {
        if (body == null || body.token() == null || body.token().isBlank()) {
            return ValidationFailed.response(List.of(ValidationProblem.of("token", "is required",
                    "paste a personal token (cwk_…): 'catwalk' prints the first admin's, POST /api/tokens makes more")));
        }
        String address = ClientAddress.of(request);
        Optional<String> token = Optional.of(body.token().strip());
        limits.authentication(address, token).ifPresent(refusal -> {
            throw refusal.exception();
        });
        BrowserSessions.SignedIn signedIn = sessions.signIn(token.get()).orElseThrow(() -> {
            limits.failed(address, token);
            return CatwalkException.of(CatwalkException.Kind.UNAUTHORIZED, "The token is unknown, revoked or malformed.")
                    .withHint("Paste a personal token (cwk_…), not a deployment token (cwd_…).");
        });
        User user = getMe.me(signedIn.principal());
        return Response.status(Response.Status.CREATED)
                .header(HttpHeaders.SET_COOKIE, cookie(signedIn.secret(), -1))
                .header("Cache-Control", "no-store")
                .entity(new SessionView(UserView.of(user), signedIn.csrfToken(), signedIn.expiresAt().toString()))
                .build();
    }

    @GET
    public Response current(@Context SecurityContext security, @Context HttpHeaders headers) {
        String secret = secret(headers.getCookies()).orElseThrow(() -> CatwalkException.of(CatwalkException.Kind.UNAUTHORIZED,
                "This browser is not signed in.").withHint("Sign in with POST /api/session {\"token\": \"cwk_…\"}."));
        User user = getMe.me(Caller.of(security));
        return Response.ok(new SessionView(UserView.of(user), BrowserSession.csrfFor(secret), null))
                .header("Cache-Control", "no-store").build();
    }

    @DELETE
    public Response signOut(@Context HttpHeaders headers) {
        secret(headers.getCookies()).ifPresent(sessions::signOut);
        return Response.noContent().header(HttpHeaders.SET_COOKIE, cookie("", 0)).build();
    }

    /** The session cookie's value among a request's {@code cookies}, under either name. */
    public static Optional<String> secret(java.util.Map<String, jakarta.ws.rs.core.Cookie> cookies) {
        return Cookies.get(cookies, PLAIN_COOKIE);
    }

    /** The {@code Set-Cookie} value that gives a browser this session secret ({@code maxAge} 0: takes it away). */
    public static String cookie(boolean secure, String value, int maxAge) {
        return Cookies.set(secure, PLAIN_COOKIE, value, maxAge, "Lax");
    }

    private String cookie(String value, int maxAge) {
        return cookie(secure, value, maxAge);
    }
}
