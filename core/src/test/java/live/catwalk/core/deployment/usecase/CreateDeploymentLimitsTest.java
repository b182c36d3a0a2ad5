package live.catwalk.core.deployment.usecase;

import static live.catwalk.core.deployment.usecase.DeploymentHarness.EVERYTHING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.core.deployment.domain.PackageRef.Registry;
import live.catwalk.core.deployment.domain.ValidationProblem;
import live.catwalk.core.deployment.port.in.CreateDeployment;
import live.catwalk.core.deployment.port.in.CreateDeployment.PackageRequest;
import live.catwalk.core.deployment.port.in.CreateDeployment.Result;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.Test;

/** What bounds a create: the size of its problem report, option-like names, and what a registry may answer. */
class CreateDeploymentLimitsTest {

    private final DeploymentHarness h = new DeploymentHarness();

    private CreateDeployment.Command withEnv(Map<String, String> env) {
        return new CreateDeployment.Command(h.ada, "k", DeploymentHarness.request(h.ada, "x").pkg(), Optional.empty(),
                env, Optional.empty());
    }

    private CreateDeployment.Command npm(String name, String version) {
        return new CreateDeployment.Command(h.ada, "n", Optional.of(new PackageRequest("npm", name,
                Optional.ofNullable(version))), Optional.empty(), Map.of(), Optional.empty());
    }

    @Test
    void aHundredAndFiftyThousandBadNamesAnswerOneProblemOnTheCount() {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < 150_000; i++) {
            env.put("x" + i, "");
        }

        List<ValidationProblem> problems = ((Result.Rejected) h.create.create(withEnv(env))).problems();

        assertEquals(1, problems.size(), () -> problems.size() + " problems");
        assertEquals("env", problems.getFirst().field());
        assertTrue(problems.getFirst().message().contains("150000 variables; at most 100"), problems.getFirst().message());
    }

    @Test
    void aReportIsCappedAtFiftyProblemsTheLastCountingTheRest() {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < EnvRules.MAX_VARIABLES; i++) {
            env.put("x" + i, "");
        }
        var request = new CreateDeployment.Command(h.ada, "", Optional.of(new PackageRequest("npm", "-bad",
                Optional.empty())), Optional.empty(), env, Optional.of("sideways"));

        List<ValidationProblem> problems = ((Result.Rejected) h.create.create(request)).problems();

        assertEquals(ValidationProblem.MAX_REPORTED, problems.size());
        assertEquals("name", problems.getFirst().field());
        ValidationProblem last = problems.getLast();
        assertEquals("problems", last.field());
        assertEquals("…and " + (3 + EnvRules.MAX_VARIABLES - 49) + " more problems", last.message());
    }

    @Test
    void optionLikePackageNamesAreProblemsOnPackageNameAndTheRegistryIsNotAsked() {
        h.registry.unavailable(true);
        for (String name : List.of("--yes", "-c", "--", "-e", ".hidden", "_x", "~x", "@scope/-x")) {
            List<ValidationProblem> problems = ((Result.Rejected) h.create.create(npm(name, null))).problems();
            assertEquals(List.of("package.name"), problems.stream().map(ValidationProblem::field).toList(), name);
        }
        var pypi = new CreateDeployment.Command(h.ada, "p", Optional.of(new PackageRequest("pypi", "--index-url",
                Optional.empty())), Optional.empty(), Map.of(), Optional.empty());
        assertEquals("package.name", ((Result.Rejected) h.create.create(pypi)).problems().getFirst().field());
        assertEquals("package.version", ((Result.Rejected) h.create.create(npm(EVERYTHING, "--foo"))).problems()
                .getFirst().field());
    }

    @Test
    void aRegistryResolvingToSomethingButAnExactVersionIsUnavailableAndNothingIsStored() {
        h.registry.publish(Registry.NPM, "evil-server", "1.0.0 --foo\u001b[2J");

        var e = assertThrows(CatwalkException.class, () -> h.create.create(npm("evil-server", null)));

        assertEquals(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, e.kind());
        assertEquals("registry_unavailable", e.code());
        assertTrue(e.getMessage().contains("the npm registry resolved the package to '1.0.0 --foo?[2J'"), e.getMessage());
        assertTrue(h.stores.deployments().listByOwner(h.ada.user(), 0, 10).isEmpty());
    }

    @Test
    void aBadLatestIsNotEchoedInTheHintOfAMissingVersion() {
        h.registry.publish(Registry.NPM, "odd-server", "not a version");

        ValidationProblem problem = ((Result.Rejected) h.create.create(npm("odd-server", "1.0.0"))).problems().getFirst();

        assertEquals("package.version", problem.field());
        assertFalse(problem.hint().orElseThrow().contains("not a version"), problem.hint().toString());
    }

    @Test
    void aRefusedVariableIsAProblemNamingItsFamily() {
        List<ValidationProblem> problems = ((Result.Rejected) h.create.create(withEnv(Map.of("PYTHONWARNINGS", "x",
                "BRAVE_API_KEY", "k")))).problems();

        assertEquals(List.of("env.PYTHONWARNINGS"), problems.stream().map(ValidationProblem::field).toList());
        assertTrue(problems.getFirst().message().startsWith("the name is refused: PYTHON* variables"),
                problems.getFirst().message());
    }
}
