package live.catwalk.bootstrap.wiring;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import live.catwalk.core.deployment.domain.DeploymentEvent;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.port.in.Reconcile;
import live.catwalk.core.deployment.port.out.EventLog;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * Reconcile passes one at a time: those of the schedule and, when asked to, one at once whenever a deployment becomes
 * PENDING (it was created, or asked to start), so that its server starts without waiting for the next scheduled pass.
 * A pass asked for while one runs is run right after it.
 */
final class ReconcilePasses implements Reconcile {

    private static final System.Logger LOG = System.getLogger(ReconcilePasses.class.getName());

    /**
     * Whether a deployment becoming PENDING starts a pass at once. Only for servers run on this host: a Fly machine
     * takes seconds to boot anyway, and its runner's first health ping would only come earlier, while it still starts
     * (the README's known limit of Fly's runtime).
     */
    private final boolean atOnce;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    private volatile Reconcile target;

    ReconcilePasses(boolean atOnce) {
        this.atOnce = atOnce;
    }

    /** The reconciler the passes run; set once, before the first pass. */
    void drive(Reconcile reconcile) {
        this.target = Objects.requireNonNull(reconcile, "reconcile");
    }

    @Override
    public void reconcile() {
        wanted.set(true);
        while (wanted.get() && running.compareAndSet(false, true)) {
            try {
                wanted.set(false);
                Reconcile r = target;
                if (r != null) {
                    r.reconcile();
                }
            } finally {
                running.set(false);
            }
        }
    }

    /** A pass now, on a thread of its own (or right after the one that runs). */
    void nudge() {
        Thread.ofVirtual().name("catwalk-reconcile-nudge").start(() -> {
            try {
                reconcile();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "reconciling deployments failed", e);
            }
        });
    }

    /** {@code events}, which nudges these passes when it records a deployment becoming PENDING. */
    EventLog watching(EventLog events) {
        Objects.requireNonNull(events, "events");
        return new EventLog() {
            @Override
            public void append(DeploymentEvent event) {
                events.append(event);
                if (atOnce && event.to() == DeploymentStatus.PENDING) {
                    nudge();
                }
            }

            @Override
            public List<DeploymentEvent> recent(DeploymentId deployment, int limit) {
                return events.recent(deployment, limit);
            }
        };
    }
}
