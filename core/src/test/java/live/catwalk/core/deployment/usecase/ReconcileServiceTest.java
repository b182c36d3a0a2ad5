package live.catwalk.core.deployment.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.DeploymentEvent;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.DesiredState;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.deployment.fakes.FakeRuntime;
import live.catwalk.core.deployment.port.in.CreateDeployment;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.deployment.port.out.Programs;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.Test;

/** The reconciler drives each deployment towards what its owner wants, one step per pass, recording each move. */
class ReconcileServiceTest {

    private final DeploymentHarness h = new DeploymentHarness();

    private DeploymentStatus status(Deployment deployment) {
        return h.stored(deployment).status();
    }

    private List<DeploymentStatus> timeline(Deployment deployment) {
        return h.stores.events().recent(deployment.id(), 100).stream().map(DeploymentEvent::to).toList();
    }

    private Deployment running(String name) {
        Deployment deployment = h.deployment(h.ada, name);
        h.pass();
        h.runtime.set(deployment.id(), new RuntimeState.Running());
        h.pass();
        assertEquals(DeploymentStatus.RUNNING, status(deployment));
        return deployment;
    }

    @Test
    void takesANewDeploymentThroughValidatingAndStartingToRunningWhenItAnswersPing() {
        Deployment deployment = h.deployment(h.ada, "everything");

        h.pass();

        assertEquals(DeploymentStatus.STARTING, status(deployment));
        FakeRuntime.Start start = h.runtime.starts().getFirst();
        assertEquals(deployment.id(), start.id());
        assertEquals(new ServerCommand(List.of("npx", "-y", "--", DeploymentHarness.EVERYTHING + "@2.0.0"),
                Map.of("API_KEY", "sk-123")).in(new ServerCommand.Workspace(h.ada.user().value().toString(),
                deployment.id().value())), start.command()); // the owner's cache, the deployment's home
        assertEquals(Map.of("API_KEY", "sk-123"), start.command().env());
        assertEquals(SessionMode.SHARED, start.mode());

        h.pass();
        assertEquals(DeploymentStatus.STARTING, status(deployment), "still starting while the runtime says so");

        h.runtime.set(deployment.id(), new RuntimeState.Running());
        h.pass();

        assertEquals(DeploymentStatus.RUNNING, status(deployment));
        assertEquals(List.of(DeploymentStatus.PENDING, DeploymentStatus.VALIDATING, DeploymentStatus.STARTING,
                DeploymentStatus.RUNNING), timeline(deployment));
        List<DeploymentEvent> events = h.stores.events().recent(deployment.id(), 100);
        assertTrue(events.stream().noneMatch(e -> e.message().contains("sk-123")));
        assertEquals(1, h.runtime.starts().size());
    }

    @Test
    void aDeploymentWhoseVariablesAreStillBeingWrittenWaitsAndOneLongMissingThemFails() {
        Deployment deployment = h.deployment(h.ada, "everything");
        h.stores.credentials().deleteAll(deployment.id()); // as between create's row and its variables

        h.pass();
        h.pass();
        assertEquals(DeploymentStatus.VALIDATING, status(deployment), "a deployment being created is not failed");
        assertEquals(0, h.runtime.starts().size());

        h.clock.advance(ReconcileService.CREATE_GRACE);
        h.pass();
        Deployment failed = h.stored(deployment);
        assertEquals(DeploymentStatus.FAILED, failed.status());
        assertTrue(failed.reason().orElseThrow().contains("variables declared but not stored: API_KEY"),
                failed.reason().toString());
    }

    @Test
    void anAdminsCommandStartsAsGivenInItsSessionMode() {
        var request = new CreateDeployment.Command(h.root, "cmd", Optional.empty(),
                Optional.of(List.of("python3", "-m", "server")), Map.of(), Optional.of("isolated"));
        var created = (CreateDeployment.Result.Created) h.create.create(request);

        h.pass();

        FakeRuntime.Start start = h.runtime.starts().getFirst();
        assertEquals(created.deployment().id(), start.id());
        assertEquals(List.of("python3", "-m", "server"), start.command().argv());
        assertEquals(SessionMode.ISOLATED, start.mode());
    }

    @Test
    void aCrashMakesItUnhealthyWithTheDetailAndItIsRunningAgainOnceItAnswers() {
        Deployment deployment = running("crashy");

        h.runtime.set(deployment.id(), new RuntimeState.Starting("restarting after exit code 1 (attempt 2)"));
        h.pass();

        assertEquals(DeploymentStatus.UNHEALTHY, status(deployment));
        assertEquals(Optional.of("restarting after exit code 1 (attempt 2)"), h.stored(deployment).reason());

        h.runtime.set(deployment.id(), new RuntimeState.Running());
        h.pass();

        assertEquals(DeploymentStatus.RUNNING, status(deployment));
        assertEquals(Optional.empty(), h.stored(deployment).reason());
        assertEquals(List.of(DeploymentStatus.UNHEALTHY, DeploymentStatus.RUNNING),
                timeline(deployment).subList(4, 6));
    }

    @Test
    void aServerThatStopsAnsweringPingIsUnhealthy() {
        Deployment deployment = running("mute");

        h.runtime.answersPing(deployment.id(), false);
        h.pass();

        assertEquals(DeploymentStatus.UNHEALTHY, status(deployment));
        assertTrue(h.stored(deployment).reason().orElseThrow().contains("ping"));
        h.pass();
        assertEquals(5, timeline(deployment).size(), "no event while nothing changes");
    }

    @Test
    void aRuntimeFailureMakesItFailedWithTheReasonAndItStaysFailed() {
        Deployment deployment = running("doomed");

        h.runtime.set(deployment.id(), new RuntimeState.Failed("crash loop: exited 5 times with code 1"));
        h.pass();
        h.pass();

        assertEquals(DeploymentStatus.FAILED, status(deployment));
        assertEquals(Optional.of("crash loop: exited 5 times with code 1"), h.stored(deployment).reason());
        assertEquals(DeploymentStatus.FAILED, timeline(deployment).getLast());
        assertEquals(1, h.runtime.starts().size());
    }

    @Test
    void afterACatwalkRestartADeploymentThatShouldRunIsStartedAgain() {
        Deployment deployment = running("durable");

        h.runtime.forgetAll();
        h.pass();

        assertEquals(DeploymentStatus.STARTING, status(deployment));
        assertEquals(2, h.runtime.starts().size());
        assertEquals(Map.of("API_KEY", "sk-123"), h.runtime.starts().getLast().command().env());
        h.runtime.set(deployment.id(), new RuntimeState.Running());
        h.pass();
        assertEquals(DeploymentStatus.RUNNING, status(deployment));
    }

    @Test
    void aDeploymentStillStartingButAbsentIsStartedAgainWithoutANewEvent() {
        Deployment deployment = h.deployment(h.ada, "slow");
        h.pass();
        int events = timeline(deployment).size();

        h.runtime.forgetAll();
        h.pass();

        assertEquals(2, h.runtime.starts().size());
        assertEquals(events, timeline(deployment).size());
    }

    @Test
    void stopsWhatTheRuntimeRunsButNoDeploymentWants() {
        Deployment deployment = running("kept");
        DeploymentId stray = new DeploymentId("deleted-long-ago");
        h.runtime.set(stray, new RuntimeState.Running());
        Deployment stoppedInDb = running("stopped");
        h.stores.deployments().update(h.stored(stoppedInDb).want(
                DesiredState.STOPPED, h.clock.instant()));

        h.pass();

        assertEquals(Set.of(stray, stoppedInDb.id()), Set.copyOf(h.runtime.stops()));
        assertEquals(DeploymentStatus.RUNNING, status(deployment));
    }

    @Test
    void aDeploymentWhoseDeclaredVariableIsNotStoredFails() {
        Deployment deployment = h.deployment(h.ada, "incomplete");
        h.stores.credentials().deleteAll(deployment.id());

        h.clock.advance(ReconcileService.CREATE_GRACE);
        h.pass();

        assertEquals(DeploymentStatus.FAILED, status(deployment));
        assertTrue(h.stored(deployment).reason().orElseThrow().contains("API_KEY"));
        assertEquals(List.of(), h.runtime.starts());
    }

    @Test
    void aConflictOnOneDeploymentSkipsItButNotTheRestOfThePass() {
        Deployment first = h.deployment(h.ada, "first");
        Deployment second = h.deployment(h.ada, "second");
        DeploymentRepository racing = new RacingRepository(h, first.id());
        var reconcile = new ReconcileService(racing, h.stores.events(), h.runtime, h.openCredentials, h.clock,
                HealthProbes.inline(h.runtime, Duration.ofSeconds(1), h.clock), h.stores.users(), true, Programs.ANY);

        reconcile.reconcile();

        assertEquals(DeploymentStatus.PENDING, status(first));
        assertEquals(DeploymentStatus.STARTING, status(second));
        h.pass();
        assertEquals(DeploymentStatus.STARTING, status(first), "the next pass picks it up");
    }

    @Test
    void anExceptionOnOneDeploymentDoesNotStopThePassAndIsReportedAtItsEnd() {
        Deployment broken = h.deployment(h.ada, "broken");
        Deployment fine = h.deployment(h.ada, "fine");
        var reconcile = new ReconcileService(h.stores.deployments(), h.stores.events(), h.runtime, id -> {
            if (id.equals(broken.id())) {
                throw new IllegalStateException("vault hiccup");
            }
            return h.openCredentials.open(id);
        }, h.clock, HealthProbes.inline(h.runtime, Duration.ofSeconds(1), h.clock), h.stores.users(), true,
                Programs.ANY);

        var e = assertThrows(CatwalkException.class, reconcile::reconcile);

        assertEquals("reconcile_incomplete", e.code());
        assertEquals("vault hiccup", e.getSuppressed()[0].getMessage());
        assertEquals(DeploymentStatus.STARTING, status(fine));
    }

    /** A repository whose every update of one deployment loses an optimistic-lock race, as if the owner acted first. */
    private static final class RacingRepository implements DeploymentRepository {
        private final DeploymentRepository real;
        private final DeploymentId contested;

        RacingRepository(DeploymentHarness h, DeploymentId contested) {
            this.real = h.stores.deployments();
            this.contested = contested;
        }

        @Override
        public Deployment insert(Deployment deployment) {
            return real.insert(deployment);
        }

        @Override
        public Optional<Deployment> find(DeploymentId id) {
            return real.find(id);
        }

        @Override
        public List<Deployment> listByOwner(UserId owner, int offset, int limit) {
            return real.listByOwner(owner, offset, limit);
        }

        @Override
        public List<Deployment> listWantedRunning() {
            return real.listWantedRunning();
        }

        @Override
        public Map<DeploymentStatus, Long> countByStatus() {
            return real.countByStatus();
        }

        @Override
        public Deployment update(Deployment deployment) {
            if (deployment.id().equals(contested)) {
                throw CatwalkException.of(CatwalkException.Kind.CONFLICT, "updated by someone else");
            }
            return real.update(deployment);
        }

        @Override
        public boolean delete(DeploymentId id) {
            return real.delete(id);
        }
    }
}
