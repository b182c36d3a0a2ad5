package live.catwalk.core.analysis.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.Role;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.analysis.domain.Analysis;
import live.catwalk.core.analysis.domain.AnalysisJob;
import live.catwalk.core.analysis.domain.EnvVar;
import live.catwalk.core.analysis.domain.Source;
import live.catwalk.core.analysis.port.in.DeployAnalysis;
import live.catwalk.core.analysis.port.in.GetAnalysis;
import live.catwalk.core.deployment.domain.PackageRef.Registry;
import live.catwalk.core.deployment.domain.ValidationProblem;
import live.catwalk.core.deployment.port.in.CreateDeployment;
import live.catwalk.core.analysis.domain.GithubRepo;
import live.catwalk.core.shared.domain.UserId;
import org.junit.jupiter.api.Test;

class DeployAnalysisServiceTest {

    private static final Principal ADA = new Principal(new UserId(new UUID(0, 1)), Role.USER, new TokenId(new UUID(0, 2)));
    private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

    private CreateDeployment.Command sent;
    private final CreateDeployment create = c -> {
        sent = c;
        return new CreateDeployment.Result.Rejected(List.of(ValidationProblem.of("name", "taken", null)));
    };

    private static AnalysisJob job(Analysis analysis) {
        GithubRepo repo = ((GithubRepo.Parsed.Repo) GithubRepo.parse("acme/weather")).repo();
        return AnalysisJob.queued("a1", ADA.user(), repo, T0).succeeded(analysis, false, T0);
    }

    private static Analysis analysis(boolean confirmed) {
        return new Analysis(new Analysis.Repository("acme/weather", "https://github.com/acme/weather",
                Optional.empty(), "main", "0".repeat(40)), true, Source.PACKAGE_JSON,
                Optional.of(new Analysis.FoundPackage(Registry.NPM, "weather-mcp", confirmed ? Optional.of("1.2.0")
                        : Optional.empty(), Optional.empty(), confirmed, Source.PACKAGE_JSON)),
                Optional.of("node"), Optional.of(Source.PACKAGE_JSON), List.of(),
                List.of(new Analysis.Argument("<dir>", Optional.empty(), Optional.empty(), Source.README)),
                List.of(new EnvVar("WEATHER_API_KEY", Optional.empty(), true, true, Optional.empty(), "text", List.of(),
                        Source.README)), List.of(), List.of(), true, Optional.empty());
    }

    private CreateDeployment.Result deploy(GetAnalysis get, Map<String, String> env, List<String> args) {
        return new DeployAnalysisService(get, create).deploy(new DeployAnalysis.Command(ADA, "a1", env, args,
                Optional.empty(), Optional.empty()));
    }

    @Test
    void everyMissingVariableAndArgumentIsAProblemAndNothingIsCreated() {
        var rejected = assertInstanceOf(CreateDeployment.Result.Rejected.class,
                deploy((c, id) -> Optional.of(job(analysis(true))), Map.of(), List.of()));
        assertEquals(List.of("env.WEATHER_API_KEY", "args[0]"),
                rejected.problems().stream().map(ValidationProblem::field).toList());
        assertNull(sent);
    }

    @Test
    void aCompleteFormCreatesThePinnedPackageWithTheRepositorysName() {
        deploy((c, id) -> Optional.of(job(analysis(true))), Map.of("WEATHER_API_KEY", "k"), List.of("/srv"));
        assertEquals("weather", sent.name());
        var pkg = sent.pkg().orElseThrow();
        assertEquals(List.of("npm", "weather-mcp", "1.2.0", "/srv"),
                List.of(pkg.registry(), pkg.name(), pkg.version().orElseThrow(), pkg.args().getFirst()));
        assertEquals(Map.of("WEATHER_API_KEY", "k"), sent.env());
    }

    @Test
    void anUnknownOrUndeployableAnalysisIsAProblemOnAnalysisId() {
        for (GetAnalysis get : List.<GetAnalysis>of((c, id) -> Optional.empty(),
                (c, id) -> Optional.of(job(analysis(false))))) {
            var rejected = assertInstanceOf(CreateDeployment.Result.Rejected.class,
                    deploy(get, Map.of("WEATHER_API_KEY", "k"), List.of("/srv")));
            assertEquals("analysisId", rejected.problems().getFirst().field());
        }
        assertNull(sent);
    }
}
