package live.catwalk.core.deployment.usecase;

import static live.catwalk.core.deployment.usecase.DeploymentHarness.EVERYTHING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.Launch;
import live.catwalk.core.deployment.domain.PackageRef;
import live.catwalk.core.deployment.domain.ValidationProblem;
import live.catwalk.core.deployment.port.in.CreateDeployment;
import live.catwalk.core.deployment.port.in.CreateDeployment.PackageRequest;
import live.catwalk.core.deployment.port.in.CreateDeployment.Result;
import org.junit.jupiter.api.Test;

/** {@code package.args}: checked at create, stored with the pinned package, passed to the server after it. */
class PackageArgumentsTest {

    private final DeploymentHarness h = new DeploymentHarness();

    private CreateDeployment.Command request(String registry, String name, List<String> args) {
        return new CreateDeployment.Command(h.ada, "with-args",
                Optional.of(new PackageRequest(registry, name, Optional.empty(), args)), Optional.empty(), Map.of(),
                Optional.empty());
    }

    @Test
    void argumentsAreStoredWithThePinnedPackageAndAppendedToTheArgvTheRuntimeStarts() {
        Deployment created = ((Result.Created) h.create.create(request("npm", EVERYTHING, List.of("/data", "--ro"))))
                .deployment();
        assertEquals(new Launch.Package(new PackageRef(PackageRef.Registry.NPM, EVERYTHING, Optional.of("2.0.0")),
                List.of("/data", "--ro")), h.stored(created).spec().launch());

        h.pass();

        assertEquals(List.of("npx", "-y", "--", EVERYTHING + "@2.0.0", "/data", "--ro"),
                h.runtime.starts().getFirst().command().argv());
    }

    @Test
    void aPypiPackagesArgumentsFollowItsCommand() {
        Deployment created = ((Result.Created) h.create.create(request("pypi", "mcp-server-git",
                List.of("--repository", "/repo")))).deployment();

        h.pass();

        assertEquals(created.id(), h.runtime.starts().getFirst().id());
        assertEquals(List.of("uvx", "--from=mcp-server-git==2025.1.14", "mcp-server-git", "--repository", "/repo"),
                h.runtime.starts().getFirst().command().argv());
    }

    @Test
    void aBadArgumentIsA422ProblemNamingItsIndexBesideTheRequestsOtherProblems() {
        var request = new CreateDeployment.Command(h.ada, " ",
                Optional.of(new PackageRequest("npm", EVERYTHING, Optional.empty(), List.of("a", "b", "c", "x\ny"))),
                Optional.empty(), Map.of("lower", "x"), Optional.empty());

        List<ValidationProblem> problems = assertInstanceOf(Result.Rejected.class, h.create.create(request)).problems();

        assertEquals(List.of("name", "package.args[3]", "env.lower"),
                problems.stream().map(ValidationProblem::field).toList(), problems.toString());
        ValidationProblem args = problems.get(1);
        assertTrue(args.message().contains("control character") && args.hint().isPresent(), args.toString());
        assertTrue(h.stores.deployments().listByOwner(h.ada.user(), 0, 10).isEmpty());
    }

    @Test
    void argumentProblemsAreReportedWithAnUnknownRegistryAndABadName() {
        List<ValidationProblem> problems = ((Result.Rejected) h.create.create(
                request("cargo", EVERYTHING, List.of("x".repeat(2000))))).problems();
        assertEquals(List.of("package.registry", "package.args[0]"),
                problems.stream().map(ValidationProblem::field).toList());

        problems = ((Result.Rejected) h.create.create(request("npm", "Bad Name", List.of("ok", "\u0000")))).problems();
        assertEquals(List.of("package.name", "package.args[1]"), problems.stream().map(ValidationProblem::field).toList());
    }

    @Test
    void theRegistryIsNotAskedAboutAPackageWhoseArgumentsAreWrong() {
        h.registry.unavailable(true); // a lookup would throw UPSTREAM_UNAVAILABLE

        List<ValidationProblem> problems = ((Result.Rejected) h.create.create(
                request("npm", EVERYTHING, java.util.Collections.nCopies(33, "a")))).problems();

        assertEquals(List.of("package.args"), problems.stream().map(ValidationProblem::field).toList());
    }
}
