package live.catwalk.core.mcp.engine;

import static live.catwalk.core.mcp.engine.McpHarness.DEPLOYMENT;
import static live.catwalk.core.mcp.engine.McpHarness.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.fakes.FakeMcpServer;
import live.catwalk.core.mcp.fakes.FakeStdioServers;
import org.junit.jupiter.api.Test;

/** What the control plane sees of a deployment's server. */
class RuntimeStateTest {

    @Test
    void anUnknownDeploymentIsAbsent() {
        try (McpHarness mcp = new McpHarness(SessionMode.SHARED)) {
            assertEquals(new RuntimeState.Absent(), mcp.endpoints.state("never-registered"));
        }
    }

    @Test
    void aSharedServerRunsOnceInitializedAndIsStartingWhileItRestarts() throws InterruptedException {
        try (McpHarness mcp = new McpHarness(SessionMode.SHARED)) {
            eventually(() -> mcp.endpoints.state(DEPLOYMENT) instanceof RuntimeState.Running,
                    () -> mcp.endpoints.state(DEPLOYMENT).toString());

            mcp.servers.last().crashAndHold();
            eventually(() -> mcp.endpoints.state(DEPLOYMENT) instanceof RuntimeState.Starting,
                    () -> mcp.endpoints.state(DEPLOYMENT).toString());
            assertEquals(new RuntimeState.Starting("restarting in 2 s after exit code 1"), mcp.endpoints.state(DEPLOYMENT));

            mcp.servers.last().restartNow();
            eventually(() -> mcp.endpoints.state(DEPLOYMENT) instanceof RuntimeState.Running,
                    () -> mcp.endpoints.state(DEPLOYMENT).toString());
        }
    }

    @Test
    void aProgramThatCannotStartHasFailedWithTheReason() {
        FakeStdioServers servers = new FakeStdioServers();
        servers.makeUnstartable();
        try (McpHarness mcp = new McpHarness(SessionMode.SHARED, McpHarness.fastSettings(), servers)) {
            RuntimeState.Failed failed = assertInstanceOf(RuntimeState.Failed.class, mcp.endpoints.state(DEPLOYMENT));
            assertTrue(failed.reason().contains("no such program"), failed.reason());
        }
    }

    @Test
    void aServerTheSupervisorGaveUpOnHasFailed() throws InterruptedException {
        try (McpHarness mcp = new McpHarness(SessionMode.SHARED)) {
            mcp.servers.last().crashAndGiveUp();

            eventually(() -> mcp.endpoints.state(DEPLOYMENT) instanceof RuntimeState.Failed f && f.reason().contains("5 times"),
                    () -> mcp.endpoints.state(DEPLOYMENT).toString());
        }
    }

    @Test
    void aRefusedInitializeFailsWithoutQuotingTheServer() throws InterruptedException {
        FakeStdioServers servers = new FakeStdioServers(() -> {
            FakeMcpServer server = new FakeMcpServer();
            server.refuseInitialize = true;
            return server;
        });
        try (McpHarness mcp = new McpHarness(SessionMode.SHARED, McpHarness.fastSettings(), servers)) {
            eventually(() -> mcp.endpoints.state(DEPLOYMENT) instanceof RuntimeState.Failed,
                    () -> mcp.endpoints.state(DEPLOYMENT).toString());
            String reason = ((RuntimeState.Failed) mcp.endpoints.state(DEPLOYMENT)).reason();
            assertTrue(reason.contains("refused to initialize"), reason);
            assertFalse(reason.contains("unsupported protocol version"), "the server's own words stay out: " + reason);
        }
    }

    @Test
    void anIsolatedDeploymentRunsWhileRegistered() {
        try (McpHarness mcp = new McpHarness(SessionMode.ISOLATED)) {
            assertEquals(new RuntimeState.Running(), mcp.endpoints.state(DEPLOYMENT));
            assertEquals(0, mcp.servers.started().size());

            mcp.endpoints.unregister(DEPLOYMENT);

            assertEquals(new RuntimeState.Absent(), mcp.endpoints.state(DEPLOYMENT));
        }
    }
}
