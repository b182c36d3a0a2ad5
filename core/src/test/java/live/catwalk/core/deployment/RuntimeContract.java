package live.catwalk.core.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.deployment.port.out.Runtime;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Runtime} does, whatever runs the servers: an implementation's test extends this and gives a
 * runtime running nothing ({@link #freshRuntime()}), a command for a server that works there
 * ({@link #workingServer()}) and how long a start may take to reach {@code Running} ({@link #startWithin()}, the
 * bound of every wait here). Servers run in shared mode, the one with a long-lived server to watch.
 */
public abstract class RuntimeContract {

    private static final DeploymentId A = new DeploymentId("contract-a");
    private static final DeploymentId B = new DeploymentId("contract-b");
    private static final DeploymentId UNKNOWN = new DeploymentId("contract-unknown");
    private static final Duration PING = Duration.ofSeconds(5);
    private static final Duration SHORT_PING = Duration.ofMillis(500);

    protected Runtime runtime;

    /** A runtime running nothing yet (called before every test). */
    protected abstract Runtime freshRuntime();

    /**
     * A command for a server that works in this runtime: it starts, answers MCP pings and, once running, has
     * written at least two lines to stderr.
     */
    protected abstract ServerCommand workingServer();

    /** How long a started server may take to be {@code Running} (or to have written its log lines). */
    protected abstract Duration startWithin();

    /** Runs after each test, once the deployments it may have started are stopped; does nothing unless overridden. */
    protected void afterEach() {
    }

    @BeforeEach
    protected final void openFreshRuntime() {
        runtime = freshRuntime();
    }

    @AfterEach
    protected final void stopEverything() {
        try {
            runtime.stop(A);
            runtime.stop(B);
        } finally {
            afterEach();
        }
    }

    @Test
    void anUnknownDeploymentIsAbsentUnlistedUnpingableAndHasNoLogs() {
        assertUnknown(UNKNOWN);

        startAndAwaitRunning(A);

        assertUnknown(UNKNOWN);
    }

    @Test
    void aStartedDeploymentIsListedReachesRunningAndAnswersPing() {
        runtime.start(A, workingServer(), SessionMode.SHARED);

        assertEquals(Set.of(A), runtime.deployments(), "listed once started, running or not yet");
        awaitRunning(A);
        assertEquals(Set.of(A), runtime.deployments());
        assertTrue(runtime.ping(A, PING), "a running server answers ping");
    }

    @Test
    void startingAgainReplacesTheServerWithOneThatReachesRunning() {
        startAndAwaitRunning(A);

        runtime.start(A, workingServer(), SessionMode.SHARED);

        assertEquals(Set.of(A), runtime.deployments(), "still one deployment");
        awaitRunning(A);
        assertTrue(runtime.ping(A, PING));
        assertEquals(Set.of(A), runtime.deployments());
    }

    @Test
    void aStoppedDeploymentIsAbsentUnlistedAndNoLongerAnswers() {
        startAndAwaitRunning(A);

        runtime.stop(A);

        assertEquals(new RuntimeState.Absent(), runtime.state(A));
        assertEquals(Set.of(), runtime.deployments());
        assertFalse(runtime.ping(A, SHORT_PING));
    }

    @Test
    void stoppingTwiceIsFineAndStoppingAnUnknownDeploymentDoesNothing() {
        runtime.stop(UNKNOWN);
        startAndAwaitRunning(A);

        runtime.stop(UNKNOWN);

        assertRuns(A);
        assertEquals(Set.of(A), runtime.deployments());
        runtime.stop(A);
        runtime.stop(A);
        assertEquals(new RuntimeState.Absent(), runtime.state(A));
        assertEquals(Set.of(), runtime.deployments());
    }

    @Test
    void endingTheSessionsOfAnUnknownDeploymentDoesNothing() {
        runtime.endSessions(UNKNOWN);
        startAndAwaitRunning(A);

        runtime.endSessions(UNKNOWN);

        assertUnknown(UNKNOWN);
        assertRuns(A);
        assertEquals(Set.of(A), runtime.deployments());
    }

    @Test
    void endingTheSessionsOfADeploymentKeepsItAndItsServerAnswers() {
        startAndAwaitRunning(A);

        runtime.endSessions(A);
        runtime.endSessions(A);

        assertEquals(Set.of(A), runtime.deployments());
        awaitRunning(A);
        assertTrue(runtime.ping(A, PING));
    }

    @Test
    void logsAreTheLastLinesOldestFirstAsManyAsAskedFor() {
        startAndAwaitRunning(A);
        eventually(() -> runtime.logs(A, 1000), lines -> lines.size() >= 2, "two log lines of " + A);

        List<String> one = runtime.logs(A, 1);
        List<String> two = runtime.logs(A, 2);
        List<String> all = runtime.logs(A, 1000);

        assertEquals(1, one.size(), one::toString);
        assertEquals(2, two.size(), two::toString);
        // A server may write more meanwhile: what was read is still in the log, in its order.
        assertTrue(Collections.indexOfSubList(all, one) >= 0, () -> one + " not in " + all);
        assertTrue(Collections.indexOfSubList(all, two) >= 0, () -> two + " not in order in " + all);
    }

    @Test
    void deploymentsAreIndependent() {
        startAndAwaitRunning(A);
        startAndAwaitRunning(B);
        assertEquals(Set.of(A, B), runtime.deployments());

        runtime.stop(A);

        assertEquals(Set.of(B), runtime.deployments());
        assertEquals(new RuntimeState.Absent(), runtime.state(A));
        assertRuns(B);
    }

    @Test
    void aRestartedDeploymentRunsAgainAndLeavesOthersAlone() {
        startAndAwaitRunning(A);
        startAndAwaitRunning(B);

        runtime.restart(A, workingServer(), SessionMode.SHARED);

        awaitRunning(A);
        assertRuns(A);
        assertEquals(Set.of(A, B), runtime.deployments());
        assertRuns(B);
    }

    @Test
    void nothingIsSuspendedThatIsUnknownOrWasNotIdleThatLong() {
        startAndAwaitRunning(A);

        assertFalse(runtime.suspendIfIdle(UNKNOWN, Duration.ofMinutes(1)));
        assertFalse(runtime.suspendIfIdle(A, Duration.ofHours(24)), "started moments ago, not idle for a day");

        assertRuns(A);
    }

    /** Starts {@code id} with a working server in shared mode and waits until it is {@code Running}. */
    protected final void startAndAwaitRunning(DeploymentId id) {
        runtime.start(id, workingServer(), SessionMode.SHARED);
        awaitRunning(id);
    }

    /** Waits, at most {@link #startWithin()}, until the deployment is {@code Running}; fails with its last state. */
    protected void awaitRunning(DeploymentId id) {
        eventually(() -> runtime.state(id), state -> state instanceof RuntimeState.Running, id + " Running");
    }

    private void assertRuns(DeploymentId id) {
        assertEquals(new RuntimeState.Running(), runtime.state(id));
        assertTrue(runtime.ping(id, PING), () -> id + " answers ping");
    }

    private void assertUnknown(DeploymentId id) {
        assertEquals(new RuntimeState.Absent(), runtime.state(id));
        assertFalse(runtime.deployments().contains(id), () -> id + " listed in " + runtime.deployments());
        assertFalse(runtime.ping(id, SHORT_PING), () -> id + " answers ping");
        assertEquals(List.of(), runtime.logs(id, 10));
    }

    private <T> T eventually(Supplier<T> value, Predicate<T> wanted, String what) {
        long deadline = System.nanoTime() + startWithin().toNanos();
        while (true) {
            T now = value.get();
            if (wanted.test(now)) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                return fail(what + " not within " + startWithin().toMillis() + " ms; last: " + now);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted waiting for " + what);
            }
        }
    }
}
