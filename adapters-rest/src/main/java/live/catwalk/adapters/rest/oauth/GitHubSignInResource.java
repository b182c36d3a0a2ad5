package live.catwalk.adapters.rest.oauth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import live.catwalk.adapters.rest.api.Cookies;
import live.catwalk.adapters.rest.api.SessionResource;
import live.catwalk.core.account.port.in.SignInWithGitHub;
import live.catwalk.core.oauth.port.in.Authorize;
import live.catwalk.core.shared.CatwalkException;
import org.glassfish.jersey.uri.UriComponent;

/**
 * Signing in with GitHub in a browser: {@code GET /auth/github?next=/path} starts (the dashboard's button; the state
 * goes into a cookie) and {@code GET /auth/github/callback} is where GitHub sends the browser back. There the state is
 * checked against the cookie, the session cookie is set, and the browser goes on: to the dashboard path it came from,
 * or, for an application's authorization request the person allowed before signing in, straight on to the
 * application with a code. Failures are pages that say what happened and how to go on.
 */
@Path("/auth/github")
public final class GitHubSignInResource {

    /** The continuation of a sign-in started from the dashboard: a path on this server. */
    static final String NEXT = "next:";
    /** The continuation of a sign-in started from the consent page: the allowed authorization request's query. */
    static final String AUTHORIZE = "authorize:";

    private final SignInWithGitHub github;
    private final Optional<Authorize> authorize;
    private final BooleanSupplier secure;

    public GitHubSignInResource(SignInWithGitHub github, Optional<Authorize> authorize, BooleanSupplier secure) {
        this.github = Objects.requireNonNull(github, "github");
        this.authorize = Objects.requireNonNull(authorize, "authorize");
        this.secure = Objects.requireNonNull(secure, "secure");
    }

    @GET
    public Response start(@QueryParam("next") String next) {
        try {
            return toGitHub(github.start(Optional.empty(), NEXT + safePath(next)), secure.getAsBoolean());
        } catch (CatwalkException e) {
            return failed(e).build();
        }
    }

    @GET
    @Path("callback")
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state,
                             @QueryParam("error") String error, @Context HttpHeaders headers) {
        String clearState = Cookies.githubState(secure.getAsBoolean(), "");
        if (error != null) {
            return page(401, "You did not sign in with GitHub", "GitHub answered: " + error.substring(0,
                    Math.min(100, error.length())) + ". Nothing was changed.", clearState);
        }
        SignInWithGitHub.Finished finished;
        try {
            finished = github.finish(state, Cookies.get(headers.getCookies(), Cookies.GITHUB_STATE).orElse(null),
                    code);
        } catch (CatwalkException e) {
            return failed(e).header(HttpHeaders.SET_COOKIE, clearState).build();
        }
        String session = SessionResource.cookie(secure.getAsBoolean(), finished.session().secret(), -1);
        Response.ResponseBuilder next = after(finished);
        return next.header(HttpHeaders.SET_COOKIE, session).header(HttpHeaders.SET_COOKIE, clearState)
                .header("Cache-Control", "no-store").build();
    }

    /** Where a finished sign-in goes: its dashboard path, or on with the authorization request allowed before it. */
    private Response.ResponseBuilder after(SignInWithGitHub.Finished finished) {
        String after = finished.after();
        if (after.startsWith(AUTHORIZE) && authorize.isPresent()) {
            String query = after.substring(AUTHORIZE.length());
            MultivaluedMap<String, String> p = UriComponent.decodeQuery(query, true);
            if (p.getFirst("resource") == null) {
                // The person chooses the deployment on the consent page, now that Catwalk knows whose they are.
                return Response.seeOther(URI.create("/authorize?" + query));
            }
            Authorize.Outcome outcome = authorize.get().decide(finished.session().principal(),
                    AuthorizationResource.request(p), new Authorize.Answer(true, Optional.empty()));
            return switch (outcome) {
                case Authorize.Outcome.Redirect redirect -> Response.seeOther(redirect.location());
                case Authorize.Outcome.Refused refused -> Response.fromResponse(ConsentPage.refused(refused));
                case Authorize.Outcome.Consent consent -> Response.seeOther(URI.create("/authorize?" + query));
            };
        }
        return Response.seeOther(URI.create(after.startsWith(NEXT) ? safePath(after.substring(NEXT.length())) : "/"));
    }

    /** The 303 to GitHub, with the state the browser keeps until it is back. */
    static Response toGitHub(SignInWithGitHub.Started started, boolean secure) {
        return Response.seeOther(started.location())
                .header(HttpHeaders.SET_COOKIE, Cookies.githubState(secure, started.state()))
                .header("Cache-Control", "no-store").build();
    }

    /** {@code next} if it is a path on this server (never another host: {@code //host} or a scheme), else {@code /}. */
    static String safePath(String next) {
        if (next == null || next.length() > 2000 || !next.startsWith("/") || next.startsWith("//")
                || next.startsWith("/\\") || next.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            return "/";
        }
        return next;
    }

    private static Response.ResponseBuilder failed(CatwalkException e) {
        int status = switch (e.kind()) {
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case INVALID_INPUT -> 400;
            default -> 503;
        };
        return Response.fromResponse(page(status, "Signing in with GitHub did not work", e.getMessage()
                + e.hint().map(h -> " " + h).orElse(""), null));
    }

    private static Response page(int status, String title, String message, String cookie) {
        Response page = Html.page(status, title, "<p>" + Html.escape(message) + "</p><p><a href=\"/sign-in\">Back "
                + "to sign-in</a></p>", List.of());
        return cookie == null ? page : Response.fromResponse(page).header(HttpHeaders.SET_COOKIE, cookie).build();
    }

    /** The dashboard's sign-in page, coming back to {@code back} afterwards. */
    static URI signInPage(String back) {
        return URI.create("/sign-in?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
    }
}
