package live.catwalk.core.deployment.fakes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import live.catwalk.core.deployment.domain.Crash;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.deployment.port.out.Runtime;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;

/**
 * A runtime that runs nothing: it records every start and stop, reports whatever state a test sets (a start
 * makes a deployment {@code Starting("process started")}, a stop makes it {@code Absent}), answers pings as
 * set (yes by default), serves the log lines a test gives it and reports the crashes a test gives it; a test may
 * hook what follows each start ({@link #whenStarted}). Thread-safe.
 */
public final class FakeRuntime implements Runtime {

    /** One call to {@link #start}. */
    public record Start(DeploymentId id, ServerCommand command, SessionMode mode) {
    }

    private final List<Start> starts = new ArrayList<>();
    private final List<DeploymentId> stops = new ArrayList<>();
    private final List<DeploymentId> sessionsEnded = new ArrayList<>();
    private final Map<DeploymentId, RuntimeState> states = new LinkedHashMap<>();
    private final Map<DeploymentId, Boolean> pings = new LinkedHashMap<>();
    private final Map<DeploymentId, CountDownLatch> hangs = new LinkedHashMap<>();
    private final Map<DeploymentId, Integer> pingsStarted = new LinkedHashMap<>();
    private final Map<DeploymentId, List<String>> logs = new LinkedHashMap<>();
    private final Map<DeploymentId, List<Crash>> crashes = new LinkedHashMap<>();
    private final List<Start> restarts = new ArrayList<>();
    private final Set<DeploymentId> idle = new LinkedHashSet<>();
    private final List<Duration> idleAsked = new ArrayList<>();
    private Consumer<DeploymentId> whenStarted = id -> { };

    @Override
    public synchronized void start(DeploymentId id, ServerCommand command, SessionMode mode) {
        starts.add(new Start(id, command, mode));
        states.put(id, new RuntimeState.Starting("process started"));
        whenStarted.accept(id);
    }

    /**
     * Runs {@code then} at the end of every later start, holding the runtime's lock (it may call the runtime), e.g.
     * to make the started server {@code Running} and give it log lines as a real one would.
     */
    public synchronized FakeRuntime whenStarted(Consumer<DeploymentId> then) {
        whenStarted = Objects.requireNonNull(then, "then");
        return this;
    }

    @Override
    public synchronized void stop(DeploymentId id) {
        stops.add(id);
        states.remove(id);
    }

    @Override
    public synchronized RuntimeState state(DeploymentId id) {
        return states.getOrDefault(id, new RuntimeState.Absent());
    }

    @Override
    public synchronized Set<DeploymentId> deployments() {
        return new LinkedHashSet<>(states.keySet());
    }

    /** Not synchronized: a hung ping holds no lock, so the rest of the runtime answers meanwhile. */
    @Override
    public boolean ping(DeploymentId id, Duration timeout) {
        CountDownLatch hang;
        synchronized (this) {
            pingsStarted.merge(id, 1, Integer::sum);
            hang = hangs.get(id);
        }
        if (hang != null) {
            try {
                if (!hang.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    return false; // no answer within the timeout, as a hung server
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        synchronized (this) {
            return states.get(id) instanceof RuntimeState.Running && pings.getOrDefault(id, true);
        }
    }

    /** The deployment's server answers a ping only once {@code release} counts down (or the ping times out). */
    public synchronized FakeRuntime hangPings(DeploymentId id, CountDownLatch release) {
        hangs.put(id, release);
        return this;
    }

    /** How many pings of the deployment have begun. */
    public synchronized int pingsStarted(DeploymentId id) {
        return pingsStarted.getOrDefault(id, 0);
    }

    @Override
    public synchronized List<String> logs(DeploymentId id, int lines) {
        List<String> all = logs.getOrDefault(id, List.of());
        return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** The deployment's server crashed: {@link #takeCrashes} reports it once. */
    public synchronized FakeRuntime crash(DeploymentId id, Crash crash) {
        crashes.computeIfAbsent(id, k -> new ArrayList<>()).add(crash);
        return this;
    }

    @Override
    public synchronized List<Crash> takeCrashes(DeploymentId id) {
        List<Crash> taken = crashes.remove(id);
        return taken == null ? List.of() : taken;
    }

    /** Makes the runtime report {@code state} for the deployment ({@code Absent} forgets it, like a restart). */
    public synchronized FakeRuntime set(DeploymentId id, RuntimeState state) {
        if (state instanceof RuntimeState.Absent) {
            states.remove(id);
        } else {
            states.put(id, state);
        }
        return this;
    }

    /** Whether the deployment's server answers a ping while Running. */
    public synchronized FakeRuntime answersPing(DeploymentId id, boolean answers) {
        pings.put(id, answers);
        return this;
    }

    public synchronized FakeRuntime logLines(DeploymentId id, List<String> lines) {
        logs.put(id, List.copyOf(lines));
        return this;
    }

    /** Forgets every deployment, as a runtime does when Catwalk restarts. */
    public synchronized void forgetAll() {
        states.clear();
    }

    public synchronized List<Start> starts() {
        return List.copyOf(starts);
    }

    public synchronized List<DeploymentId> stops() {
        return List.copyOf(stops);
    }

    @Override
    public synchronized void endSessions(DeploymentId id) {
        sessionsEnded.add(id);
    }

    /** The deployments whose sessions {@link #endSessions} ended, in order. */
    public synchronized List<DeploymentId> sessionsEnded() {
        return List.copyOf(sessionsEnded);
    }

    /**
     * Records the restart; the deployment is {@code Starting("restarting")} until a test sets otherwise (or the
     * {@link #whenStarted} hook does).
     */
    @Override
    public synchronized void restart(DeploymentId id, ServerCommand command, SessionMode mode) {
        restarts.add(new Start(id, command, mode));
        states.put(id, new RuntimeState.Starting("restarting"));
        whenStarted.accept(id);
    }

    /** The calls to {@link #restart}, in order. */
    public synchronized List<Start> restarts() {
        return List.copyOf(restarts);
    }

    /** This fake can suspend: a Running deployment a test made {@link #idle} is suspended when asked. */
    @Override
    public boolean suspends() {
        return true;
    }

    @Override
    public synchronized boolean suspendIfIdle(DeploymentId id, Duration after) {
        idleAsked.add(after);
        if (idle.contains(id) && states.get(id) instanceof RuntimeState.Running) {
            states.put(id, new RuntimeState.Suspended());
            return true;
        }
        return false;
    }

    /** Whether the deployment's server has been idle long enough to be suspended when asked. */
    public synchronized FakeRuntime idle(DeploymentId id, boolean isIdle) {
        if (isIdle) {
            idle.add(id);
        } else {
            idle.remove(id);
        }
        return this;
    }

    /** The idle times {@link #suspendIfIdle} was asked about, in order. */
    public synchronized List<Duration> idleAsked() {
        return List.copyOf(idleAsked);
    }
}
