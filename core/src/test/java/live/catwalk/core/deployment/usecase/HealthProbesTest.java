package live.catwalk.core.deployment.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import live.catwalk.core.deployment.domain.Crash;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.RuntimeState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Health pings run off the reconcile pass: a hung server marks only itself, and is not probed twice at once. */
class HealthProbesTest {

    private static final Duration PING_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private final DeploymentHarness h = new DeploymentHarness();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseHungPings() {
        release.countDown();
        threads.shutdownNow();
    }

    private ReconcileService reconciler(HealthProbes probes) {
        return new ReconcileService(h.stores.deployments(), h.stores.events(), h.runtime, h.openCredentials, h.clock,
                probes, h.stores.users(), true, h.programs);
    }

    private DeploymentStatus status(Deployment deployment) {
        return h.stored(deployment).status();
    }

    /** A pass a second later; fails if the pass itself waited on a server. */
    private void pass(ReconcileService reconcile) {
        h.clock.advance(Duration.ofSeconds(1));
        long began = System.nanoTime();
        reconcile.reconcile();
        long tookMillis = (System.nanoTime() - began) / 1_000_000;
        assertTrue(tookMillis < 1_000, "a reconcile pass took " + tookMillis + " ms");
    }

    @Test
    void aHungServerDoesNotDelayAnotherDeploymentsMoveToRunning() throws InterruptedException {
        ReconcileService reconcile = reconciler(new HealthProbes(h.runtime, PING_TIMEOUT, h.clock, threads,
                INTERVAL, 4));
        Deployment hung = h.deployment(h.ada, "hung");
        h.runtime.hangPings(hung.id(), release);
        pass(reconcile);
        h.runtime.set(hung.id(), new RuntimeState.Running());
        pass(reconcile); // its probe starts and hangs

        Deployment fresh = h.deployment(h.ada, "fresh");
        long began = System.nanoTime();
        pass(reconcile);
        h.runtime.set(fresh.id(), new RuntimeState.Running());
        while (status(fresh) != DeploymentStatus.RUNNING && System.nanoTime() - began < 3_000_000_000L) {
            pass(reconcile);
            Thread.sleep(10);
        }

        long tookMillis = (System.nanoTime() - began) / 1_000_000;
        assertEquals(DeploymentStatus.RUNNING, status(fresh), "not running after " + tookMillis + " ms");
        assertTrue(tookMillis < PING_TIMEOUT.toMillis() / 2, "took " + tookMillis + " ms, as if behind the hung ping");
        assertEquals(DeploymentStatus.STARTING, status(hung), "the hung server has not answered yet");
        assertEquals(1, h.runtime.pingsStarted(hung.id()));
    }

    @Test
    void aProbeStillRunningIsNotStartedAgainAndItsAnswerIsUsedOnceItEnds() throws InterruptedException {
        ReconcileService reconcile = reconciler(new HealthProbes(h.runtime, PING_TIMEOUT, h.clock, threads,
                INTERVAL, 4));
        Deployment hung = h.deployment(h.ada, "hung");
        h.runtime.hangPings(hung.id(), release);
        pass(reconcile);
        h.runtime.set(hung.id(), new RuntimeState.Running());
        for (int i = 0; i < 5; i++) {
            pass(reconcile);
            h.clock.advance(INTERVAL); // due again, were it not still running
        }
        // the one ping runs on another thread: wait until it has reached the runtime, then check it is the only one
        long reached = System.nanoTime();
        while (h.runtime.pingsStarted(hung.id()) == 0 && System.nanoTime() - reached < 3_000_000_000L) {
            Thread.sleep(10);
        }
        pass(reconcile);
        Thread.sleep(50);
        assertEquals(1, h.runtime.pingsStarted(hung.id()));

        release.countDown();
        long began = System.nanoTime();
        while (status(hung) != DeploymentStatus.RUNNING && System.nanoTime() - began < 3_000_000_000L) {
            Thread.sleep(10);
            pass(reconcile);
        }
        assertEquals(DeploymentStatus.RUNNING, status(hung), "the late answer counts");
    }

    @Test
    void aRunningServerIsProbedEveryIntervalAndAtOnceAfterACrash() {
        ReconcileService reconcile = reconciler(new HealthProbes(h.runtime, PING_TIMEOUT, h.clock, Runnable::run,
                INTERVAL, 1));
        Deployment deployment = h.deployment(h.ada, "everything");
        pass(reconcile);
        h.runtime.set(deployment.id(), new RuntimeState.Running());
        pass(reconcile);
        assertEquals(DeploymentStatus.RUNNING, status(deployment));
        assertEquals(1, h.runtime.pingsStarted(deployment.id()));

        h.runtime.answersPing(deployment.id(), false);
        for (int i = 0; i < 8; i++) {
            pass(reconcile);
        }
        assertEquals(1, h.runtime.pingsStarted(deployment.id()), "not probed before the interval");
        assertEquals(DeploymentStatus.RUNNING, status(deployment));
        pass(reconcile);
        pass(reconcile);
        assertEquals(2, h.runtime.pingsStarted(deployment.id()));
        assertEquals(DeploymentStatus.UNHEALTHY, status(deployment));
        assertEquals(Optional.of("does not answer an MCP ping within 5000 ms"), h.stored(deployment).reason());

        h.runtime.answersPing(deployment.id(), true);
        h.runtime.crash(deployment.id(), new Crash(OptionalInt.of(1), List.of(), Optional.of(Duration.ofSeconds(1))));
        h.runtime.set(deployment.id(), new RuntimeState.Starting("restarting"));
        pass(reconcile);
        h.runtime.set(deployment.id(), new RuntimeState.Running());
        pass(reconcile);
        assertEquals(3, h.runtime.pingsStarted(deployment.id()), "probed at once after the crash");
        assertEquals(DeploymentStatus.RUNNING, status(deployment));
    }
}
