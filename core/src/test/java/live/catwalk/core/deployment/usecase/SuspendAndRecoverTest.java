package live.catwalk.core.deployment.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.DeploymentEvent;
import live.catwalk.core.deployment.domain.DeploymentQuotas;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.deployment.domain.ValidationProblem;
import live.catwalk.core.deployment.port.in.CreateDeployment;
import org.junit.jupiter.api.Test;

/**
 * Scale to zero and recovery in the reconciler: a deployment that asked to be suspended after N idle minutes is
 * suspended once the runtime finds it idle that long, shows SUSPENDED until a request resumes it, and a server that
 * stays unhealthy is restarted in place.
 */
class SuspendAndRecoverTest {

    private final DeploymentHarness h = new DeploymentHarness();

    private static CreateDeployment.Command suspending(Principal caller, String name, Long minutes) {
        CreateDeployment.Command plain = DeploymentHarness.request(caller, name);
        return new CreateDeployment.Command(caller, name, plain.pkg(), plain.command(), plain.env(),
                plain.sessionMode(), Optional.ofNullable(minutes));
    }

    private Deployment running(Long suspendAfterMinutes) {
        var created = (CreateDeployment.Result.Created) h.create.create(suspending(h.ada, "idle", suspendAfterMinutes));
        Deployment deployment = created.deployment();
        h.pass();
        h.runtime.set(deployment.id(), new RuntimeState.Running());
        h.pass();
        assertEquals(DeploymentStatus.RUNNING, h.stored(deployment).status());
        return deployment;
    }

    private List<String> messages(Deployment deployment) {
        return h.stores.events().recent(deployment.id(), 100).stream().map(DeploymentEvent::message).toList();
    }

    @Test
    void anIdleDeploymentIsSuspendedAndTheRequestThatResumesItMakesItRunningAgain() {
        Deployment deployment = running(15L);
        assertEquals(Optional.of(Duration.ofMinutes(15)), h.stored(deployment).spec().suspendAfter());

        h.clock.advance(ReconcileService.IDLE_CHECK_EVERY);
        h.pass();
        assertEquals(DeploymentStatus.RUNNING, h.stored(deployment).status(), "busy: not suspended");
        assertEquals(Duration.ofMinutes(15), h.runtime.idleAsked().getLast(), "asked about its own idle time");

        h.runtime.idle(deployment.id(), true);
        h.clock.advance(ReconcileService.IDLE_CHECK_EVERY);
        h.pass();
        assertEquals(DeploymentStatus.SUSPENDED, h.stored(deployment).status());
        assertEquals("suspended after 15 idle minute(s); the next request resumes it", messages(deployment).getLast());
        h.pass();
        assertEquals(DeploymentStatus.SUSPENDED, h.stored(deployment).status(), "a suspended server stays so");

        h.runtime.set(deployment.id(), new RuntimeState.Running()); // a request resumed it
        h.pass();
        assertEquals(DeploymentStatus.RUNNING, h.stored(deployment).status());
        assertEquals("resumed by a request", messages(deployment).getLast());
        assertEquals(List.of(), h.runtime.restarts(), "resuming is not restarting");
    }

    @Test
    void theRuntimeIsAskedAboutIdlenessOnlyEveryFewSecondsAndNeverForADeploymentThatStaysUp() {
        Deployment suspending = running(5L);
        int asked = h.runtime.idleAsked().size();
        for (int i = 0; i < 5; i++) {
            h.pass(); // a second apart
        }
        assertTrue(h.runtime.idleAsked().size() - asked <= 1, "asked " + h.runtime.idleAsked());
        assertEquals(DeploymentStatus.RUNNING, h.stored(suspending).status());

        DeploymentHarness other = new DeploymentHarness();
        Deployment always = other.deployment(other.ada, "always");
        other.pass();
        other.runtime.set(always.id(), new RuntimeState.Running()).idle(always.id(), true);
        for (int i = 0; i < 40; i++) {
            other.pass();
        }
        assertEquals(List.of(), other.runtime.idleAsked(), "no suspendAfter: never asked");
        assertEquals(DeploymentStatus.RUNNING, other.stored(always).status());
    }

    @Test
    void aSuspensionTheRuntimeReportsOnItsOwnIsShownToo() {
        Deployment deployment = running(null);

        h.runtime.set(deployment.id(), new RuntimeState.Suspended()); // another gateway suspended it
        h.pass();

        assertEquals(DeploymentStatus.SUSPENDED, h.stored(deployment).status());
        assertEquals("suspended while idle; the next request resumes it", messages(deployment).getLast());
    }

    @Test
    void aServerUnhealthyForSixProbeIntervalsIsRestartedInPlaceWithItsCommand() {
        Deployment deployment = running(null);
        h.runtime.answersPing(deployment.id(), false);
        h.pass();
        assertEquals(DeploymentStatus.UNHEALTHY, h.stored(deployment).status());

        h.clock.advance(HealthProbes.MIN_RESTART_AFTER.minusSeconds(3));
        h.pass();
        assertEquals(List.of(), h.runtime.restarts(), "not before it was unhealthy that long");

        h.clock.advance(Duration.ofSeconds(3));
        h.pass();
        assertEquals(DeploymentStatus.STARTING, h.stored(deployment).status());
        assertEquals(1, h.runtime.restarts().size());
        assertEquals(deployment.id(), h.runtime.restarts().getFirst().id());
        assertEquals(Map.of("API_KEY", "sk-123"), h.runtime.restarts().getFirst().command().env());
        assertEquals("unhealthy for 10 s; restarting it", messages(deployment).getLast());

        h.runtime.set(deployment.id(), new RuntimeState.Running()).answersPing(deployment.id(), true);
        h.pass();
        assertEquals(DeploymentStatus.RUNNING, h.stored(deployment).status());
        assertEquals(1, h.runtime.starts().size(), "restarted, not started afresh");
    }

    @Test
    void restartsWaitSixIntervalsOfTheProbesAndAtLeastTenSeconds() {
        var clock = h.clock;
        assertEquals(Duration.ofMinutes(1), new HealthProbes(h.runtime, Duration.ofSeconds(5), clock, Runnable::run,
                Duration.ofSeconds(10), 1).restartAfter());
        assertEquals(Duration.ofSeconds(10), new HealthProbes(h.runtime, Duration.ofSeconds(5), clock, Runnable::run,
                Duration.ofSeconds(1), 1).restartAfter());
    }

    @Test
    void suspendAfterMinutesIsCheckedAtCreateAndRefusedWhereTheRuntimeCannotSuspend() {
        for (long bad : new long[] {0, -5, 1441}) {
            var rejected = (CreateDeployment.Result.Rejected) h.create.create(suspending(h.ada, "bad" + bad, bad));
            assertEquals(List.of("suspendAfterMinutes"), rejected.problems().stream().map(ValidationProblem::field)
                    .toList(), "for " + bad);
        }
        var local = new CreateDeploymentService(h.stores.deployments(), h.stores.events(), h.stores.tokens(),
                h.stores.audit(), h.replaceCredentials, h.registry, h.randomness, h.clock, DeploymentQuotas.UNLIMITED,
                true, h.programs, false);
        var refused = (CreateDeployment.Result.Rejected) local.create(suspending(h.ada, "local", 15L));
        ValidationProblem problem = refused.problems().getFirst();
        assertEquals("suspendAfterMinutes", problem.field());
        assertTrue(problem.message().contains("needs a runtime that can suspend"), problem.toString());
        assertEquals(Optional.empty(), h.stores.deployments().listWantedRunning().stream()
                .filter(d -> d.spec().name().equals("local")).findAny(), "nothing stored");

        var fine = (CreateDeployment.Result.Created) local.create(suspending(h.ada, "plain", null));
        assertEquals(Optional.empty(), fine.deployment().spec().suspendAfter());
    }
}
