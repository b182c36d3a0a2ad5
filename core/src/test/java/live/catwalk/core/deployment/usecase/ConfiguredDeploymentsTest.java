package live.catwalk.core.deployment.usecase;

import static live.catwalk.core.deployment.usecase.DeploymentHarness.EVERYTHING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.DeploymentSpec;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.FileDeployment;
import live.catwalk.core.deployment.domain.Launch;
import live.catwalk.core.deployment.domain.PackageRef;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.deployment.domain.ValidationProblem;
import live.catwalk.core.deployment.port.in.CheckConfiguredDeployment;
import live.catwalk.core.deployment.port.in.CheckConfiguredDeployment.Result.Checked;
import live.catwalk.core.deployment.port.in.CheckConfiguredDeployment.Result.Rejected;
import live.catwalk.core.deployment.port.in.CreateDeployment.PackageRequest;
import live.catwalk.core.deployment.port.in.PinConfiguredDeployment;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.Test;

/** The deployments file's entries: create's rules, create's pinning, and a read-only listing for admins. */
class ConfiguredDeploymentsTest {

    private final DeploymentHarness h = new DeploymentHarness();
    private final CheckConfiguredDeploymentService check = new CheckConfiguredDeploymentService();
    private final PinConfiguredDeploymentService pin = new PinConfiguredDeploymentService(h.registry);

    private static CheckConfiguredDeployment.Command pkg(String name, Optional<String> version, List<String> args,
                                                         Map<String, String> env) {
        return new CheckConfiguredDeployment.Command("files", Optional.of(new PackageRequest("npm", name, version, args)),
                Optional.empty(), env, Optional.empty());
    }

    @Test
    void aValidPackageEntryIsCheckedWithoutTheRegistryAndKeptUnpinned() {
        h.registry.unavailable(true);

        DeploymentSpec spec = assertInstanceOf(Checked.class,
                check.check(pkg(EVERYTHING, Optional.empty(), List.of("/data"), Map.of("API_KEY", "k")))).spec();

        assertEquals(new DeploymentSpec("files", new Launch.Package(new PackageRef(PackageRef.Registry.NPM, EVERYTHING,
                Optional.empty()), List.of("/data")), List.of(new EnvVarName("API_KEY")), SessionMode.SHARED), spec);
    }

    @Test
    void everyProblemIsReportedWithCreatesFieldNamesAndLimits() {
        var entry = new CheckConfiguredDeployment.Command("files",
                Optional.of(new PackageRequest("npm", "Bad Name", Optional.empty(), List.of("ok", "a\nb"))),
                Optional.empty(), Map.of("BIG", "x".repeat(EnvRules.MAX_VALUE_BYTES + 1), "lower", "x"),
                Optional.of("sometimes"));

        List<ValidationProblem> problems = assertInstanceOf(Rejected.class, check.check(entry)).problems();

        assertEquals(List.of("package.name", "package.args[1]", "env.BIG", "env.lower", "sessionMode"),
                problems.stream().map(ValidationProblem::field).toList(), problems.toString());
        assertTrue(problems.stream().noneMatch(p -> p.message().contains("xxx")));
    }

    @Test
    void theOperatorMayGiveACommandButNotBothOrNeither() {
        var command = new CheckConfiguredDeployment.Command("local", Optional.empty(),
                Optional.of(List.of("python3", "-m", "server")), Map.of(), Optional.of("isolated"));
        assertEquals(new Launch.Command(List.of("python3", "-m", "server")),
                assertInstanceOf(Checked.class, check.check(command)).spec().launch());

        var neither = new CheckConfiguredDeployment.Command("x", Optional.empty(), Optional.empty(), Map.of(),
                Optional.empty());
        assertEquals(List.of("package"), fields(check.check(neither)));
        var both = new CheckConfiguredDeployment.Command("x", Optional.of(new PackageRequest("npm", EVERYTHING,
                Optional.empty())), Optional.of(List.of("node")), Map.of(), Optional.empty());
        assertEquals(List.of("command"), fields(check.check(both)));
    }

    @Test
    void aPackageIsPinnedToTheVersionTheRegistryResolvesWithItsArguments() {
        DeploymentSpec checked = ((Checked) check.check(pkg(EVERYTHING, Optional.empty(), List.of("/data"), Map.of())))
                .spec();

        DeploymentSpec pinned = assertInstanceOf(PinConfiguredDeployment.Result.Pinned.class, pin.pin(checked)).spec();

        assertEquals(List.of("npx", "-y", "--", EVERYTHING + "@2.0.0", "/data"), ((Launch.Package) pinned.launch()).argv());
        assertEquals(checked.name(), pinned.name());
    }

    @Test
    void anUnknownPackageOrVersionIsRefusedAndAnOutageThrowsRatherThanRunUnpinned() {
        DeploymentSpec missing = ((Checked) check.check(pkg("@acme/missing", Optional.empty(), List.of(), Map.of()))).spec();
        assertEquals(List.of("package.name"), assertInstanceOf(PinConfiguredDeployment.Result.Refused.class,
                pin.pin(missing)).problems().stream().map(ValidationProblem::field).toList());
        DeploymentSpec old = ((Checked) check.check(pkg(EVERYTHING, Optional.of("9.9.9"), List.of(), Map.of()))).spec();
        assertEquals(List.of("package.version"), assertInstanceOf(PinConfiguredDeployment.Result.Refused.class,
                pin.pin(old)).problems().stream().map(ValidationProblem::field).toList());

        h.registry.unavailable(true);
        DeploymentSpec fine = ((Checked) check.check(pkg(EVERYTHING, Optional.empty(), List.of(), Map.of()))).spec();
        CatwalkException e = assertThrows(CatwalkException.class, () -> pin.pin(fine));
        assertEquals(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, e.kind());
    }

    @Test
    void adminsSeeTheFilesDeploymentsSortedWithTheirStateNowOthersSeeNone() {
        DeploymentSpec spec = ((Checked) check.check(pkg(EVERYTHING, Optional.of("2.0.0"), List.of(), Map.of()))).spec();
        var running = new FileDeployment(new DeploymentId("b-running"), spec, DeploymentStatus.STARTING, Optional.empty());
        var unpinned = new FileDeployment(new DeploymentId("a-unpinned"), spec, DeploymentStatus.FAILED,
                Optional.of("its package could not be pinned"));
        h.runtime.set(running.id(), new RuntimeState.Running());
        h.runtime.set(unpinned.id(), new RuntimeState.Running()); // never handed to the runtime: its reason stands
        var list = new ListFileDeploymentsService(List.of(running, unpinned), h.runtime);

        assertEquals(List.of(unpinned, running.in(DeploymentStatus.RUNNING, Optional.empty())), list.list(h.root));
        assertEquals(List.of(), list.list(h.ada));

        h.runtime.set(running.id(), new RuntimeState.Failed("npx ended 5 times"));
        assertEquals(Optional.of("npx ended 5 times"), list.list(h.root).get(1).reason());
        assertEquals(DeploymentStatus.FAILED, list.list(h.root).get(1).status());
    }

    @Test
    void changingAFilesDeploymentIsAConflictNamingTheFile() {
        CatwalkException e = FileDeployment.managedByFile(new DeploymentId("everything"));
        assertEquals(CatwalkException.Kind.CONFLICT, e.kind());
        assertEquals("managed_by_file", e.code());
        assertTrue(e.getMessage().contains("CATWALK_DEPLOYMENTS_FILE"), e.getMessage());
    }

    private static List<String> fields(CheckConfiguredDeployment.Result result) {
        return assertInstanceOf(Rejected.class, result).problems().stream().map(ValidationProblem::field).toList();
    }
}
