package live.catwalk.adapters.rest.runner;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import live.catwalk.core.shared.CatwalkException;

/**
 * A runner's own routes, {@code GET /status} and {@code GET /logs?lines=N} (1 to 1000, default 100): each needs
 * {@code Authorization: Bearer <runner secret>}, else 401 problem JSON that says nothing about the server.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public final class RunnerResource {

    static final int MAX_LINES = 1000;
    private static final int DEFAULT_LINES = 100;

    private final RunnerReport report;
    private final Predicate<String> secretMatches;

    /** {@code secretMatches}: whether a presented bearer token is the runner secret (compared in constant time). */
    public RunnerResource(RunnerReport report, Predicate<String> secretMatches) {
        this.report = Objects.requireNonNull(report, "report");
        this.secretMatches = Objects.requireNonNull(secretMatches, "secretMatches");
    }

    @GET
    @Path("status")
    public StatusView status(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        authorize(authorization);
        RunnerReport.Status s = report.status();
        return new StatusView(s.alive(), s.restarts(),
                s.lastExit().map(e -> new ExitView(e.code(), e.at().toString())).orElse(null), s.uptimeSeconds(),
                s.sessions(), s.inFlight(), s.idleSeconds());
    }

    @GET
    @Path("logs")
    public LogsView logs(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @QueryParam("lines") String lines) {
        authorize(authorization);
        return new LogsView(report.logs(lines(lines)));
    }

    /** Again, though {@link RunnerSecretFilter} checks first: registered without it, these routes stay closed. */
    private void authorize(String authorization) {
        RunnerSecretFilter.require(authorization, secretMatches);
    }

    private static int lines(String text) {
        if (text == null) {
            return DEFAULT_LINES;
        }
        int lines = text.matches("[0-9]{1,4}") ? Integer.parseInt(text) : -1;
        if (lines < 1 || lines > MAX_LINES) {
            throw CatwalkException.invalidInput("lines", "lines must be a whole number from 1 to " + MAX_LINES + ".",
                    "Leave it out for the last " + DEFAULT_LINES + " lines.");
        }
        return lines;
    }

    record StatusView(boolean alive, int restarts, ExitView lastExit, long uptimeSeconds, int sessions, int inFlight,
                      long idleSeconds) {
    }

    record ExitView(int code, String at) {
    }

    record LogsView(List<String> lines) {
    }
}
