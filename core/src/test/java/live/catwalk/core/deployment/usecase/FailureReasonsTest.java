package live.catwalk.core.deployment.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import live.catwalk.core.deployment.domain.Crash;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.DeploymentEvent;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.deployment.domain.ValidationProblem;
import live.catwalk.core.deployment.port.in.CreateDeployment;
import org.junit.jupiter.api.Test;

/** Why a deployment failed is in its reason and its timeline: its crashes, a missing program, a retry after a restart. */
class FailureReasonsTest {

    private final DeploymentHarness h = new DeploymentHarness();

    private List<DeploymentEvent> events(Deployment deployment) {
        return h.stores.events().recent(deployment.id(), 100);
    }

    private Deployment running(String name) {
        Deployment deployment = h.deployment(h.ada, name);
        h.pass();
        h.runtime.set(deployment.id(), new RuntimeState.Running());
        h.pass();
        assertEquals(DeploymentStatus.RUNNING, h.stored(deployment).status());
        return deployment;
    }

    private static Crash crash(String line) {
        return new Crash(OptionalInt.of(1), List.of("starting", line), Optional.of(Duration.ofSeconds(1)));
    }

    @Test
    void eachCrashIsAnEventWithItsExitCodeAndStderrBeforeTheFailure() {
        Deployment deployment = running("crashy");
        String line = "Error: FOO_API_KEY environment variable is required";
        h.runtime.crash(deployment.id(), crash(line)).crash(deployment.id(), crash(line));
        String reason = "The MCP server kept crashing and was stopped (…): FOO_API_KEY environment variable is required";
        h.runtime.set(deployment.id(), new RuntimeState.Failed(reason));

        h.pass();
        h.pass();

        List<DeploymentEvent> events = events(deployment);
        List<DeploymentEvent> last = events.subList(events.size() - 3, events.size());
        for (DeploymentEvent crashed : last.subList(0, 2)) {
            assertEquals(Optional.of(DeploymentStatus.RUNNING), crashed.from());
            assertEquals(DeploymentStatus.RUNNING, crashed.to());
            assertEquals("crashed with exit code 1, restarting in 1 s; last stderr: starting | " + line,
                    crashed.message());
        }
        assertEquals(DeploymentStatus.FAILED, last.getLast().to());
        assertEquals("failed: " + reason, last.getLast().message());
        assertEquals(Optional.of(reason), h.stored(deployment).reason());
        assertEquals(7, events.size(), "each crash is recorded once");
    }

    @Test
    void aMissingRuntimeProgramIsRefusedAtCreateOnTheRegistryField() {
        h.missingPrograms.add("uvx");

        var rejected = assertInstanceOf(CreateDeployment.Result.Rejected.class, h.create.create(
                new CreateDeployment.Command(h.ada, "git", Optional.of(new CreateDeployment.PackageRequest("pypi",
                        "mcp-server-git", Optional.empty())), Optional.empty(), Map.of(), Optional.empty())));

        assertEquals(List.of(ValidationProblem.of("package.registry", "uvx is not installed on this Catwalk host",
                "install uv (https://docs.astral.sh/uv/) or put uvx on Catwalk's PATH")), rejected.problems());
        assertInstanceOf(CreateDeployment.Result.Created.class, h.create.create(DeploymentHarness.request(h.ada, "npm")),
                "npx is there");
    }

    @Test
    void anAdminsCommandWhoseProgramIsMissingIsRefusedOnCommand() {
        h.missingPrograms.add("/opt/gone/server");

        var rejected = assertInstanceOf(CreateDeployment.Result.Rejected.class, h.create.create(
                DeploymentHarness.commandRequest(h.root, "gone", List.of("/opt/gone/server", "--stdio"))));

        assertEquals("command", rejected.problems().getFirst().field());
    }

    @Test
    void aProgramGoneBeforeTheStartFailsWithHowToInstallItAndIsNotStarted() {
        Deployment deployment = h.deployment(h.ada, "later");
        h.missingPrograms.add("npx");

        h.pass();
        h.pass();

        Deployment failed = h.stored(deployment);
        assertEquals(DeploymentStatus.FAILED, failed.status());
        assertEquals(Optional.of("npx is not installed on this Catwalk host: install Node.js with npm "
                + "(https://nodejs.org/) or put npx on Catwalk's PATH"), failed.reason());
        assertEquals("failed: " + failed.reason().orElseThrow(), events(deployment).getLast().message());
        assertEquals(0, h.runtime.starts().size());
        assertEquals(3, events(deployment).size(), "created, validating, failed; no retry while Catwalk runs: "
                + events(deployment));
    }

    @Test
    void aDeploymentThatFailedBeforeCatwalkRestartedIsTriedOnceMore() {
        Deployment deployment = running("flaky");
        h.runtime.set(deployment.id(), new RuntimeState.Failed("kept crashing"));
        h.pass();
        assertEquals(DeploymentStatus.FAILED, h.stored(deployment).status());
        h.pass();
        assertEquals(1, h.runtime.starts().size(), "not retried while this Catwalk runs");

        h.runtime.forgetAll(); // Catwalk restarts
        ReconcileService afterRestart = h.newReconciler();
        h.clock.advance(Duration.ofSeconds(1));
        afterRestart.reconcile();

        assertEquals(DeploymentStatus.STARTING, h.stored(deployment).status());
        assertEquals(2, h.runtime.starts().size());
        assertTrue(events(deployment).stream().anyMatch(e -> e.from().equals(Optional.of(DeploymentStatus.FAILED))
                && e.to() == DeploymentStatus.PENDING && e.message().contains("Catwalk restarted")), events(deployment)
                .toString());

        h.runtime.set(deployment.id(), new RuntimeState.Failed("kept crashing again"));
        afterRestart.reconcile();
        afterRestart.reconcile();
        assertEquals(DeploymentStatus.FAILED, h.stored(deployment).status());
        assertEquals(2, h.runtime.starts().size(), "once per restart: then it waits for its owner");

        h.runtime.set(deployment.id(), new RuntimeState.Running());
        h.start.start(h.ada, deployment.id());
        afterRestart.reconcile();
        assertEquals(3, h.runtime.starts().size(), "its owner's start still starts it");
    }
}
