package live.catwalk.adapters.rest.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Objects;
import live.catwalk.core.analysis.domain.Analysis;
import live.catwalk.core.analysis.domain.AnalysisJob;
import live.catwalk.core.analysis.domain.AnalysisJson;
import live.catwalk.core.analysis.domain.DeployForm;
import live.catwalk.core.analysis.port.in.AnalyseRepository;
import live.catwalk.core.analysis.port.in.GetAnalysis;
import live.catwalk.core.deployment.domain.ValidationProblem;
import live.catwalk.core.shared.CatwalkException;

/**
 * {@code /api/analyses}: start analysing a GitHub repository (202 with the job to poll, or 422 naming what is wrong
 * with {@code repo}, before anything is asked of GitHub), poll it, and read its deployment form.
 */
@Path("/api/analyses")
@Produces(MediaType.APPLICATION_JSON)
public final class AnalysesResource {

    private final AnalyseRepository analyse;
    private final GetAnalysis get;
    private final Links links;

    AnalysesResource(AnalyseRepository analyse, GetAnalysis get, Links links) {
        this.analyse = Objects.requireNonNull(analyse, "analyse");
        this.get = Objects.requireNonNull(get, "get");
        this.links = Objects.requireNonNull(links, "links");
    }

    /** {@code force}: analyse again even if this folder and commit were analysed within a day. */
    record NewAnalysis(String repo, Boolean force) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(@Context SecurityContext security, NewAnalysis body) {
        if (body == null || body.repo() == null) {
            return ValidationFailed.response(List.of(ValidationProblem.of("repo", "is required",
                    "give a GitHub repository: https://github.com/owner/name, github.com/owner/name or owner/name")));
        }
        return switch (analyse.start(Caller.of(security), body.repo(), Boolean.TRUE.equals(body.force()))) {
            case AnalyseRepository.Result.Rejected rejected -> ValidationFailed.response(rejected.problems());
            case AnalyseRepository.Result.Started started -> {
                Links.Base base = links.base();
                yield Response.accepted(JobView.of(started.job(), base))
                        .location(base.analysis(started.job().id())).build();
            }
        };
    }

    @GET
    @Path("{id}")
    public JobView get(@Context SecurityContext security, @PathParam("id") String id) {
        return JobView.of(job(security, id), links.base());
    }

    @GET
    @Path("{id}/form")
    public FormView form(@Context SecurityContext security, @PathParam("id") String id) {
        AnalysisJob job = job(security, id);
        Analysis analysis = job.analysis().orElseThrow(() -> CatwalkException.of(CatwalkException.Kind.CONFLICT,
                        job.status().finished() ? "the analysis failed, so it has no form"
                                : "the analysis is still running")
                .withCode(job.status().finished() ? "analysis_failed" : "analysis_not_ready")
                .withHint(job.status().finished() ? "start a new analysis" : "poll GET /api/analyses/" + id
                        + " until its status is succeeded"));
        if (!analysis.isMcpServer() || analysis.pkg().filter(Analysis.FoundPackage::confirmed).isEmpty()) {
            throw CatwalkException.of(CatwalkException.Kind.CONFLICT, analysis.isMcpServer()
                            ? "the analysis found no published package to deploy" : "the analysis found no MCP server")
                    .withCode("analysis_not_deployable")
                    .withHint("its notices say what was found; a published package can be deployed by name");
        }
        return FormView.of(DeployForm.of(analysis.env(), analysis.requiredArgs()));
    }

    private AnalysisJob job(SecurityContext security, String id) {
        return get.get(Caller.of(security), id).orElseThrow(() -> CatwalkException.notFound("no analysis " + id)
                .withCode("analysis_not_found")
                .withHint("analyses are kept for a day; start one with POST /api/analyses"));
    }

    /** A job as its owner polls it. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record JobView(String id, String url, String repo, String status, Progress progress, boolean cached,
                   String createdAt, String updatedAt, ObjectNode analysis, Error error) {

        record Progress(String step, String label, int number, int of) {
        }

        record Error(String code, String message, String hint) {
        }

        static JobView of(AnalysisJob job, Links.Base base) {
            AnalysisJob.Step step = job.step();
            return new JobView(job.id(), base.analysis(job.id()).toString(), job.repo().htmlUrl(),
                    job.status().name().toLowerCase(java.util.Locale.ROOT),
                    new Progress(step.name().toLowerCase(java.util.Locale.ROOT), step.label(), step.number(),
                            AnalysisJob.Step.count()), job.cached(), job.createdAt().toString(),
                    job.updatedAt().toString(),
                    job.analysis().map(AnalysisJson::tree).orElse(null),
                    job.failure().map(f -> new Error(f.code(), f.message(), f.hint().orElse(null))).orElse(null));
        }
    }

    /** A deployment form: its fields (variables) and the arguments that must follow the package. */
    record FormView(List<Field> fields, List<Argument> arguments, List<String> warnings) {

        record Field(String name, String label, String type, boolean required,
                     @com.fasterxml.jackson.annotation.JsonProperty("default") String defaultValue,
                     String description, String placeholder, List<String> choices) {
        }

        record Argument(int index, String placeholder, String description, String example) {
        }

        static FormView of(DeployForm form) {
            return new FormView(form.fields().stream().map(f -> new Field(f.name(), f.label(), f.type().wire(),
                            f.required(), f.defaultValue().orElse(null), f.description().orElse(null),
                            f.placeholder().orElse(null), f.choices())).toList(),
                    form.arguments().stream().map(a -> new Argument(a.index(), a.placeholder(),
                            a.description().orElse(null), a.example().orElse(null))).toList(), form.warnings());
        }
    }
}
