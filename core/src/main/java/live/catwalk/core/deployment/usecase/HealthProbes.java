package live.catwalk.core.deployment.usecase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.port.out.Runtime;

/**
 * The latest health ping of each running deployment's server. A probe runs on the given executor, at most one
 * per deployment and at most {@code maxInFlight} together, once the last result is {@code interval} old (or
 * there is none, as after a start or a crash); the reconciler only reads results, so a server that hangs delays
 * no other deployment. Thread-safe.
 */
public final class HealthProbes {

    /** The shortest time a server stays unhealthy before it is restarted. */
    static final Duration MIN_RESTART_AFTER = Duration.ofSeconds(10);

    private final Runtime runtime;
    private final Duration pingTimeout;
    private final Clock clock;
    private final Executor executor;
    private final Duration interval;
    private final Semaphore inFlight;
    private final Map<DeploymentId, Slot> slots = new ConcurrentHashMap<>();

    /** One deployment's probe: whether one runs, the latest result and the generation results must match. */
    private static final class Slot {
        long generation;
        boolean running;
        Boolean answers;
        Instant at;
    }

    public HealthProbes(Runtime runtime, Duration pingTimeout, Clock clock, Executor executor, Duration interval,
                        int maxInFlight) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.pingTimeout = Objects.requireNonNull(pingTimeout, "pingTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (pingTimeout.isNegative() || pingTimeout.isZero()) {
            throw new IllegalArgumentException("the ping timeout is positive");
        }
        if (interval.isNegative()) {
            throw new IllegalArgumentException("the health interval is not negative");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("at least one probe may run");
        }
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** Probes on the caller's thread at every read: each reconcile pass pings every running server itself. */
    public static HealthProbes inline(Runtime runtime, Duration pingTimeout, Clock clock) {
        return new HealthProbes(runtime, pingTimeout, clock, Runnable::run, Duration.ZERO, 1);
    }

    Duration pingTimeout() {
        return pingTimeout;
    }

    /**
     * How long a server may stay unhealthy before the reconciler restarts it: six probe intervals, at least
     * {@link #MIN_RESTART_AFTER}.
     */
    Duration restartAfter() {
        Duration six = interval.multipliedBy(6);
        return six.compareTo(MIN_RESTART_AFTER) < 0 ? MIN_RESTART_AFTER : six;
    }

    /**
     * The data plane saw the deployment's server fail (a runner that cannot be reached, say): its result is dropped,
     * so the next reconcile pass probes it at once instead of at the next interval.
     */
    public void recheck(DeploymentId id) {
        forget(id);
    }

    /**
     * Whether the deployment's server answered its latest probe; empty while none has ended since the last
     * {@link #forget}. Starts a probe first when one is due, none runs for it and the bound allows.
     */
    Optional<Boolean> answers(DeploymentId id) {
        Slot slot = slots.computeIfAbsent(id, any -> new Slot());
        long generation;
        synchronized (slot) {
            boolean due = slot.at == null || !clock.instant().isBefore(slot.at.plus(interval));
            if (slot.running || !due || !inFlight.tryAcquire()) {
                return Optional.ofNullable(slot.answers);
            }
            slot.running = true;
            generation = slot.generation;
        }
        try {
            executor.execute(() -> probe(id, slot, generation));
        } catch (RejectedExecutionException shuttingDown) {
            synchronized (slot) {
                slot.running = false;
            }
            inFlight.release();
        }
        synchronized (slot) {
            return Optional.ofNullable(slot.answers);
        }
    }

    /** Drops the deployment's result (its server is not up, or crashed): the next read probes at once. */
    void forget(DeploymentId id) {
        Slot slot = slots.get(id);
        if (slot != null) {
            synchronized (slot) {
                slot.generation++;
                slot.answers = null;
                slot.at = null;
            }
        }
    }

    /** Keeps only these deployments' results. */
    void retain(Set<DeploymentId> ids) {
        slots.keySet().retainAll(ids);
    }

    private void probe(DeploymentId id, Slot slot, long generation) {
        boolean answers = false;
        try {
            answers = runtime.ping(id, pingTimeout);
        } catch (RuntimeException e) {
            // a ping that fails is a server that does not answer
        } finally {
            synchronized (slot) {
                slot.running = false;
                if (slot.generation == generation) {
                    slot.answers = answers;
                    slot.at = clock.instant();
                }
            }
            inFlight.release();
        }
    }
}
