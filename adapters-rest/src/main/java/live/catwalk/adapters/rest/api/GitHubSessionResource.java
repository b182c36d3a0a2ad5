package live.catwalk.adapters.rest.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import live.catwalk.core.account.port.in.SignInWithGitHub;

/**
 * How a browser may sign in ({@code GET /api/session/methods}, public), and linking the signed-in user to a GitHub
 * account ({@code POST /api/session/github}: the answer names GitHub's page to open, and the browser keeps the
 * sign-in's state in a cookie until GitHub sends it back to {@code /auth/github/callback}).
 */
@Path("/api/session")
@Produces(MediaType.APPLICATION_JSON)
public final class GitHubSessionResource {

    /** The path after sign-in that a link started from Settings returns to. */
    static final String AFTER_LINK = "next:/settings";

    private final SignInWithGitHub github;
    private final BooleanSupplier secure;

    public GitHubSessionResource(SignInWithGitHub github, BooleanSupplier secure) {
        this.github = Objects.requireNonNull(github, "github");
        this.secure = Objects.requireNonNull(secure, "secure");
    }

    /** The ways to sign in here. */
    record Methods(boolean token, boolean github) {
    }

    /** Where the browser goes next. */
    record Location(String location) {
    }

    @GET
    @Path("methods")
    public Response methods() {
        return Response.ok(new Methods(true, github.enabled())).build();
    }

    @POST
    @Path("github")
    public Response link(@Context SecurityContext security, @Context HttpHeaders headers) {
        SignInWithGitHub.Started started = github.start(Optional.of(Caller.of(security)), AFTER_LINK);
        return Response.ok(new Location(started.location().toString()))
                .header(HttpHeaders.SET_COOKIE, Cookies.githubState(secure.getAsBoolean(), started.state()))
                .header("Cache-Control", "no-store").build();
    }
}
