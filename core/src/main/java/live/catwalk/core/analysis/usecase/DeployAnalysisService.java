package live.catwalk.core.analysis.usecase;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.analysis.domain.Analysis;
import live.catwalk.core.analysis.domain.AnalysisJob;
import live.catwalk.core.analysis.domain.DeployForm;
import live.catwalk.core.analysis.port.in.DeployAnalysis;
import live.catwalk.core.analysis.port.in.GetAnalysis;
import live.catwalk.core.deployment.domain.ValidationProblem;
import live.catwalk.core.deployment.port.in.CreateDeployment;

/** Deploys an analysis through {@link CreateDeployment}, once its form is filled in correctly. Thread-safe. */
public final class DeployAnalysisService implements DeployAnalysis {

    private final GetAnalysis analyses;
    private final CreateDeployment create;

    public DeployAnalysisService(GetAnalysis analyses, CreateDeployment create) {
        this.analyses = Objects.requireNonNull(analyses, "analyses");
        this.create = Objects.requireNonNull(create, "create");
    }

    @Override
    public CreateDeployment.Result deploy(Command c) {
        Optional<AnalysisJob> job = analyses.get(c.caller(), c.analysisId());
        Optional<String> unusable = job.isEmpty() ? Optional.of("was not found (analyses are kept for a day)")
                : why(job.get());
        if (unusable.isPresent()) {
            return rejected(ValidationProblem.of("analysisId", unusable.get(),
                    "analyse the repository with POST /api/analyses and use the id it returns once it succeeded"));
        }
        Analysis analysis = job.get().analysis().orElseThrow();
        Analysis.FoundPackage pkg = analysis.pkg().orElseThrow();
        List<ValidationProblem> problems = new ArrayList<>();
        for (int i = 0; i < c.args().size(); i++) {
            if (c.args().get(i) == null) {
                problems.add(ValidationProblem.of("args[" + i + "]", "must be a string", null));
            }
        }
        c.env().forEach((name, value) -> {
            if (value == null) {
                problems.add(ValidationProblem.of("env." + name, "must be a string", null));
            }
        });
        if (problems.isEmpty()) {
            problems.addAll(DeployForm.of(analysis.env(), analysis.requiredArgs()).check(c.env(), c.args()));
        }
        if (!problems.isEmpty()) {
            return new CreateDeployment.Result.Rejected(ValidationProblem.capped(problems));
        }
        String name = c.name().orElseGet(() -> analysis.repository().subdir()
                .map(s -> s.substring(s.lastIndexOf('/') + 1))
                .orElse(analysis.repository().fullName().substring(analysis.repository().fullName().indexOf('/') + 1)));
        return create.create(new CreateDeployment.Command(c.caller(), name,
                Optional.of(new CreateDeployment.PackageRequest(pkg.registry().wireName(), pkg.name(), pkg.version(),
                        c.args())), Optional.empty(), c.env(), c.sessionMode(), c.suspendAfterMinutes()));
    }

    /** Why the analysis cannot be deployed, if it cannot. */
    private static Optional<String> why(AnalysisJob job) {
        if (!job.status().finished()) {
            return Optional.of("is still running (" + job.step().label() + ")");
        }
        if (job.analysis().isEmpty()) {
            return Optional.of("failed: " + job.failure().map(AnalysisJob.Failure::message).orElse("unknown"));
        }
        Analysis a = job.analysis().get();
        if (!a.isMcpServer()) {
            return Optional.of("found no MCP server in " + a.repository().fullName());
        }
        if (a.pkg().filter(Analysis.FoundPackage::confirmed).isEmpty()) {
            return Optional.of("found no published package that runs the server");
        }
        return Optional.empty();
    }

    private static CreateDeployment.Result rejected(ValidationProblem problem) {
        return new CreateDeployment.Result.Rejected(List.of(problem));
    }
}
