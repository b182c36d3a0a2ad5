package live.catwalk.adapters.rest.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.analysis.port.in.DeployAnalysis;
import live.catwalk.core.deployment.domain.ValidationProblem;
import live.catwalk.core.deployment.port.in.CreateDeployment;
import live.catwalk.core.deployment.port.in.CreateDeployment.PackageRequest;

/**
 * {@code /api/deployments}: create one (201, or 422 listing every problem) and page through them: for an admin the
 * deployments file's deployments first (by id, {@code "source": "file"}), then the API's, newest first.
 */
@Path("/api/deployments")
@Produces(MediaType.APPLICATION_JSON)
public final class DeploymentsResource {

    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = DeploymentPages.MAX_PAGE;

    private final CreateDeployment create;
    private final DeployAnalysis deployAnalysis;
    private final DeploymentPages pages;
    private final Links links;

    DeploymentsResource(CreateDeployment create, DeployAnalysis deployAnalysis, DeploymentPages pages, Links links) {
        this.create = Objects.requireNonNull(create, "create");
        this.deployAnalysis = Objects.requireNonNull(deployAnalysis, "deployAnalysis");
        this.pages = Objects.requireNonNull(pages, "pages");
        this.links = Objects.requireNonNull(links, "links");
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, NewDeployment body) {
        Principal caller = Caller.of(security);
        if (body.analysisId() != null) {
            return created(fromAnalysis(caller, body));
        }
        if (body.args() != null) {
            return ValidationFailed.response(List.of(ValidationProblem.of("args", "is only for a deployment from an "
                    + "analysis", "give a package's arguments as package.args")));
        }
        List<ValidationProblem> missing = body.missing();
        if (!missing.isEmpty()) {
            return ValidationFailed.response(missing);
        }
        return created(create.create(body.command(caller)));
    }

    /** A deployment from an analysis: no package or command of its own, which the analysis gives. */
    private CreateDeployment.Result fromAnalysis(Principal caller, NewDeployment body) {
        List<ValidationProblem> problems = new ArrayList<>();
        if (body.pkg() != null) {
            problems.add(ValidationProblem.of("package", "cannot be given with analysisId",
                    "the analysis names the package; send either analysisId or package"));
        }
        if (body.command() != null) {
            problems.add(ValidationProblem.of("command", "cannot be given with analysisId", null));
        }
        if (!problems.isEmpty()) {
            return new CreateDeployment.Result.Rejected(problems);
        }
        return deployAnalysis.deploy(new DeployAnalysis.Command(caller, body.analysisId(),
                body.env() == null ? Map.of() : body.env(), body.args() == null ? List.of() : body.args(),
                Optional.ofNullable(body.name()), Optional.ofNullable(body.sessionMode()),
                Optional.ofNullable(body.suspendAfterMinutes())));
    }

    private Response created(CreateDeployment.Result result) {
        return switch (result) {
            case CreateDeployment.Result.Rejected rejected -> ValidationFailed.response(rejected.problems());
            case CreateDeployment.Result.Created created -> {
                Links.Base base = links.base();
                var deployment = created.deployment();
                yield Response.created(base.deployment(deployment.id()))
                        .entity(DeploymentView.withToken(deployment, base, created.token().secret()))
                        .build();
            }
        };
    }

    @GET
    public Page list(@Context SecurityContext security,
                     @QueryParam("offset") String offsetParam, @QueryParam("limit") String limitParam) {
        int offset = Params.intParam("offset", offsetParam, 0, 0, Integer.MAX_VALUE);
        int limit = Params.intParam("limit", limitParam, DEFAULT_PAGE, 1, MAX_PAGE);
        return new Page(pages.page(Caller.of(security), offset, limit), offset, limit);
    }

    record Page(List<DeploymentView> items, int offset, int limit) {
    }

    /**
     * The body of a create. What JSON cannot say about required nested parts is checked by {@link #missing}; the
     * rest, a missing name or package included, by the use case, which reports every problem at once.
     */
    record NewDeployment(String name, @JsonProperty("package") PackageBody pkg, List<String> command,
                         Map<String, String> env, String sessionMode, String analysisId, List<String> args,
                         Long suspendAfterMinutes) {

        /**
         * The nulls in the package or command, which the use case cannot be asked about, with what the use case
         * would have reported beside them: missing top-level parts and null variables.
         */
        List<ValidationProblem> missing() {
            List<ValidationProblem> problems = new ArrayList<>();
            if (pkg != null) {
                if (pkg.registry() == null) {
                    problems.add(ValidationProblem.of("package.registry", "is required", "Use \"npm\" or \"pypi\"."));
                }
                if (pkg.name() == null) {
                    problems.add(ValidationProblem.of("package.name", "is required", null));
                }
            }
            if (command != null) {
                for (int i = 0; i < command.size(); i++) {
                    if (command.get(i) == null) {
                        problems.add(ValidationProblem.of("command[" + i + "]", "must be a string", null));
                    }
                }
            }
            if (!problems.isEmpty()) {
                problems.addAll(EnvBody.nullValues("env", env));
                if (pkg == null && command == null) {
                    problems.addFirst(ValidationProblem.of("package", "is required",
                            "give a package {registry, name, version?}; admins may give a command instead"));
                }
                if (name == null) {
                    problems.addFirst(ValidationProblem.of("name", "is required",
                            "give the deployment a display name, a short label such as 'weather'"));
                }
            }
            return problems;
        }

        CreateDeployment.Command command(Principal caller) {
            return new CreateDeployment.Command(caller, name,
                    Optional.ofNullable(pkg).map(p -> new PackageRequest(p.registry(), p.name(),
                            Optional.ofNullable(p.version()), p.args() == null ? List.of() : p.args())),
                    Optional.ofNullable(command), env == null ? Map.of() : env, Optional.ofNullable(sessionMode),
                    Optional.ofNullable(suspendAfterMinutes));
        }
    }

    /** {@code args}: strings passed to the server after the package (core checks them, nulls included). */
    record PackageBody(String registry, String name, String version, List<String> args) {
    }
}
