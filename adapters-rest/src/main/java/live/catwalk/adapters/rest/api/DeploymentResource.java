package live.catwalk.adapters.rest.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.deployment.domain.DeploymentEvent;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.FileDeployment;
import live.catwalk.core.deployment.port.in.ReplaceDeploymentEnv;
import live.catwalk.core.shared.CatwalkException;

/**
 * {@code /api/deployments/{id}}: one of the caller's deployments: read, delete, stop, start, restart, replace
 * its variables, rotate its MCP token, and read its events and server log (or follow the log as it grows). Not the caller's: 404. A deployment of
 * the deployments file (seen by admins) is read here and answers every other route 409 {@code managed_by_file}.
 */
@Path("/api/deployments/{id}")
@Produces(MediaType.APPLICATION_JSON)
public final class DeploymentResource {

    static final int MAX_LINES = 1000;

    static final int DEFAULT_STREAMED_LINES = 200;

    private final ControlPlane.Deployments deployments;
    private final Links links;
    private final EventStreams streams;

    DeploymentResource(ControlPlane.Deployments deployments, Links links, EventStreams streams) {
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.links = Objects.requireNonNull(links, "links");
        this.streams = Objects.requireNonNull(streams, "streams");
    }

    @GET
    public DeploymentView get(@Context SecurityContext s, @PathParam("id") String id) {
        DeploymentId deploymentId = Params.deploymentId(id);
        Optional<FileDeployment> fromFile = fromFile(s, deploymentId);
        return fromFile.isPresent() ? DeploymentView.of(fromFile.get(), links.base())
                : DeploymentView.of(deployments.get().get(Caller.of(s), deploymentId), links.base());
    }

    /** The deployments file's deployment of this id, if the caller may see it. */
    private Optional<FileDeployment> fromFile(SecurityContext s, DeploymentId id) {
        return deployments.files().list(Caller.of(s)).stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** The id, unless it is a deployments file's deployment the caller sees: that is read-only (409). */
    private DeploymentId changeable(SecurityContext s, String id) {
        DeploymentId deploymentId = Params.deploymentId(id);
        if (fromFile(s, deploymentId).isPresent()) {
            throw FileDeployment.managedByFile(deploymentId);
        }
        return deploymentId;
    }

    @DELETE
    public Response delete(@Context SecurityContext s, @PathParam("id") String id) {
        deployments.delete().delete(Caller.of(s), changeable(s, id));
        return Response.noContent().build();
    }

    @POST
    @Path("stop")
    public DeploymentView stop(@Context SecurityContext s, @PathParam("id") String id) {
        return DeploymentView.of(deployments.stop().stop(Caller.of(s), changeable(s, id)), links.base());
    }

    @POST
    @Path("start")
    public DeploymentView start(@Context SecurityContext s, @PathParam("id") String id) {
        return DeploymentView.of(deployments.start().start(Caller.of(s), changeable(s, id)), links.base());
    }

    @POST
    @Path("restart")
    public DeploymentView restart(@Context SecurityContext s, @PathParam("id") String id) {
        return DeploymentView.of(deployments.restart().restart(Caller.of(s), changeable(s, id)),
                links.base());
    }

    @PUT
    @Path("env")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replaceEnv(@Context SecurityContext s, @PathParam("id") String id,
                               EnvBody body) {
        var caller = Caller.of(s);
        var deploymentId = changeable(s, id);
        if (body.env() == null) {
            throw CatwalkException.invalidInput("env", "The variables are required.",
                    "Send {\"env\": {}} to remove every variable.");
        }
        return switch (deployments.replaceEnv().replace(caller, deploymentId, body.env())) {
            case ReplaceDeploymentEnv.Result.Rejected rejected -> ValidationFailed.response(rejected.problems());
            case ReplaceDeploymentEnv.Result.Replaced replaced ->
                    Response.ok(DeploymentView.of(replaced.deployment(), links.base())).build();
        };
    }

    @POST
    @Path("token")
    public RotatedToken rotateToken(@Context SecurityContext s, @PathParam("id") String id) {
        IssuedToken issued = deployments.rotateToken().rotate(Caller.of(s), changeable(s, id));
        return new RotatedToken(issued.secret(), issued.token().prefix());
    }

    @GET
    @Path("events")
    public Events events(@Context SecurityContext s, @PathParam("id") String id,
                         @QueryParam("limit") String limitParam) {
        int limit = Params.intParam("limit", limitParam, 100, 1, MAX_LINES);
        var caller = Caller.of(s);
        return new Events(deployments.events().events(caller, changeable(s, id), limit).stream()
                .map(EventView::of).toList());
    }

    @GET
    @Path("logs")
    public Logs logs(@Context SecurityContext s, @PathParam("id") String id, @QueryParam("lines") String linesParam) {
        int lines = Params.intParam("lines", linesParam, 100, 1, MAX_LINES);
        var caller = Caller.of(s);
        return new Logs(deployments.logs().logs(caller, changeable(s, id), lines));
    }

    /**
     * The log, following: Server-Sent Events named {@code lines}, the last {@code lines} lines at once, then every
     * second the lines added since (found by {@link NewLines} in a tail of {@value #MAX_LINES}).
     */
    @GET
    @Path("logs/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void followLogs(@Context SecurityContext s, @PathParam("id") String id,
                           @QueryParam("lines") String linesParam, @Context SseEventSink sink, @Context Sse sse) {
        int lines = Params.intParam("lines", linesParam, DEFAULT_STREAMED_LINES, 1, MAX_LINES);
        var caller = Caller.of(s);
        var deploymentId = changeable(s, id);
        List<String> tail = deployments.logs().logs(caller, deploymentId, MAX_LINES);
        streams.serve(s, sink, sse, "lines",
                new LogNews(tail, lines, () -> deployments.logs().logs(caller, deploymentId, MAX_LINES)));
    }

    /** A log's news: first its last lines, then on each call the lines added since the previous read. */
    private static final class LogNews implements EventStreams.Source {

        private final Supplier<List<String>> read;
        private List<String> seen;
        private int first;

        LogNews(List<String> tail, int first, Supplier<List<String>> read) {
            this.seen = tail;
            this.first = first;
            this.read = read;
        }

        @Override
        public Optional<Object> next() {
            if (first > 0) {
                List<String> lines = seen.subList(Math.max(0, seen.size() - first), seen.size());
                first = 0;
                return Optional.of(new Logs(List.copyOf(lines)));
            }
            List<String> now = read.get();
            List<String> added = NewLines.after(seen, now);
            seen = now;
            return added.isEmpty() ? Optional.empty() : Optional.of(new Logs(added));
        }
    }

    record RotatedToken(String token, String prefix) {
    }

    record Events(List<EventView> items) {
    }

    record EventView(String at, String from, String to, String message) {

        static EventView of(DeploymentEvent e) {
            return new EventView(e.at().toString(), e.from().map(DeploymentView::lower).orElse(null),
                    DeploymentView.lower(e.to()), e.message());
        }
    }

    record Logs(List<String> lines) {
    }
}
