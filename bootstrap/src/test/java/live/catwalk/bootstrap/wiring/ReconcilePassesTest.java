package live.catwalk.bootstrap.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import live.catwalk.core.deployment.domain.DeploymentEvent;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.port.out.EventLog;
import live.catwalk.core.shared.domain.DeploymentId;
import org.junit.jupiter.api.Test;

class ReconcilePassesTest {

    private static final DeploymentId D = new DeploymentId("d1");

    private static EventLog inMemory(List<DeploymentEvent> stored) {
        return new EventLog() {
            @Override
            public void append(DeploymentEvent event) {
                stored.add(event);
            }

            @Override
            public List<DeploymentEvent> recent(DeploymentId deployment, int limit) {
                return stored;
            }
        };
    }

    @Test
    void aDeploymentBecomingPendingStartsAPassAtOnceAndOtherEventsDoNot() throws Exception {
        ReconcilePasses passes = new ReconcilePasses(true);
        Semaphore ran = new Semaphore(0);
        passes.drive(ran::release);
        List<DeploymentEvent> stored = new ArrayList<>();
        EventLog events = passes.watching(inMemory(stored));

        events.append(new DeploymentEvent(D, Instant.EPOCH, Optional.of(DeploymentStatus.STARTING),
                DeploymentStatus.RUNNING, "running"));
        assertFalse(ran.tryAcquire(200, TimeUnit.MILLISECONDS), "no pass for a deployment that runs");
        events.append(new DeploymentEvent(D, Instant.EPOCH, Optional.empty(), DeploymentStatus.PENDING, "created"));

        assertTrue(ran.tryAcquire(5, TimeUnit.SECONDS), "a pass for the new deployment");
        assertEquals(2, events.recent(D, 10).size(), "the events are stored either way");
    }

    @Test
    void withoutAtOnceOnlyTheSchedulesPassesRun() throws Exception {
        ReconcilePasses passes = new ReconcilePasses(false);
        Semaphore ran = new Semaphore(0);
        passes.drive(ran::release);
        List<DeploymentEvent> stored = new ArrayList<>();
        EventLog events = passes.watching(inMemory(stored));

        events.append(new DeploymentEvent(D, Instant.EPOCH, Optional.empty(), DeploymentStatus.PENDING, "created"));

        assertFalse(ran.tryAcquire(300, TimeUnit.MILLISECONDS));
        assertEquals(1, stored.size());
    }

    @Test
    void passesNeverOverlapAndOneAskedForDuringAPassRunsRightAfterIt() throws Exception {
        ReconcilePasses passes = new ReconcilePasses(false);
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger count = new AtomicInteger();
        AtomicInteger atOnce = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        passes.drive(() -> {
            most.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
            if (count.incrementAndGet() == 1) {
                inFirst.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            atOnce.decrementAndGet();
        });
        Thread first = Thread.ofPlatform().start(passes::reconcile);
        assertTrue(inFirst.await(5, TimeUnit.SECONDS));

        passes.reconcile(); // returns at once: the running pass takes it over
        passes.reconcile();
        assertEquals(1, count.get());
        release.countDown();
        first.join(5_000);

        assertEquals(2, count.get(), "one more pass for the two asked for meanwhile");
        assertEquals(1, most.get(), "never two at once");
    }
}
