package live.catwalk.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.fakes.CountingSessionIds;
import live.catwalk.core.mcp.fakes.FakeStdioServers;
import live.catwalk.core.mcp.fakes.MutableClock;
import live.catwalk.core.mcp.usecase.ManageMcpEngineService;
import live.catwalk.core.mcp.engine.McpEndpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The local runtime over the gateway's endpoints, with in-memory servers. */
class LocalRuntimeTest {

    private static final DeploymentId ID = new DeploymentId("dep-1");
    private static final ServerCommand COMMAND = new ServerCommand(List.of("fake-server"), Map.of("API_KEY", "k"));

    private final FakeStdioServers servers = new FakeStdioServers();
    private final McpEndpoints endpoints = new McpEndpoints(servers, new CountingSessionIds(),
            new MutableClock(Instant.parse("2026-11-23T10:00:00Z")), GatewaySettings.defaults(), "9.9.9");
    private final LocalRuntime runtime = new LocalRuntime(new ManageMcpEngineService(endpoints));

    @AfterEach
    void close() {
        endpoints.close();
    }

    @Test
    void aStartedDeploymentRunsAnswersPingsAndIsListed() throws InterruptedException {
        runtime.start(ID, COMMAND, SessionMode.SHARED);

        eventually(() -> runtime.state(ID) instanceof RuntimeState.Running);
        assertTrue(runtime.ping(ID, Duration.ofSeconds(5)));
        assertEquals(Set.of(ID), runtime.deployments());
        // A command without a workspace runs in one named after the deployment.
        assertEquals(COMMAND.in(new ServerCommand.Workspace("local", "dep-1")), servers.last().command);
        assertTrue(endpoints.status().containsKey("dep-1"), "served at /mcp/dep-1");
    }

    @Test
    void aStoppedDeploymentIsAbsentUnlistedAndItsServerClosed() {
        runtime.start(ID, COMMAND, SessionMode.SHARED);

        runtime.stop(ID);
        runtime.stop(ID);

        assertEquals(new RuntimeState.Absent(), runtime.state(ID));
        assertEquals(Set.of(), runtime.deployments());
        assertTrue(servers.last().isClosed());
        assertFalse(runtime.ping(ID, Duration.ofMillis(10)));
    }

    @Test
    void startingAgainReplacesTheServer() throws InterruptedException {
        runtime.start(ID, COMMAND, SessionMode.SHARED);
        ServerCommand v2 = new ServerCommand(List.of("fake-server", "--v2"), Map.of());

        runtime.start(ID, v2, SessionMode.SHARED);

        assertEquals(2, servers.started().size());
        assertTrue(servers.started().getFirst().isClosed());
        assertEquals(v2.argv(), servers.last().command.argv());
        assertEquals(Set.of(ID), runtime.deployments());
        eventually(() -> runtime.state(ID) instanceof RuntimeState.Running);
    }

    @Test
    void aProgramThatCannotStartHasFailedAndStaysListedUntilStopped() {
        servers.makeUnstartable();

        runtime.start(ID, COMMAND, SessionMode.SHARED);

        assertInstanceOf(RuntimeState.Failed.class, runtime.state(ID));
        assertEquals(Set.of(ID), runtime.deployments());
        runtime.stop(ID);
        assertEquals(Set.of(), runtime.deployments());
    }

    @Test
    void logsAreThoseOfTheDeploymentsServer() {
        runtime.start(ID, COMMAND, SessionMode.SHARED);
        runtime.start(new DeploymentId("other"), COMMAND, SessionMode.SHARED);
        servers.started().getFirst().writeStderr("mine");
        servers.last().writeStderr("theirs");

        assertEquals(List.of("mine"), runtime.logs(ID, 10));
    }

    @Test
    void anIsolatedDeploymentRunsWithoutAProcessUntilASessionStarts() {
        runtime.start(ID, COMMAND, SessionMode.ISOLATED);

        assertEquals(new RuntimeState.Running(), runtime.state(ID));
        assertTrue(runtime.ping(ID, Duration.ofMillis(10)));
        assertEquals(List.of(), servers.started());
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 5 s");
            }
            Thread.sleep(5);
        }
    }
}
