package live.catwalk.core.mcp.engine;

import static live.catwalk.core.mcp.engine.McpHarness.DEPLOYMENT;
import static live.catwalk.core.mcp.engine.McpHarness.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import live.catwalk.core.deployment.domain.Crash;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.engine.bridge.Bridge;
import org.junit.jupiter.api.Test;

/** A server given up on tells the control plane and MCP clients the same likely cause; its crashes are kept for the timeline. */
class CrashReasonsTest {

    private static final String MISSING = "Error: FOO_API_KEY environment variable is required";
    private static final String REASON = "The MCP server kept crashing and was stopped ('fake-server' ended 5 times "
            + "within 60 s; it is not restarted again): FOO_API_KEY environment variable is required — set FOO_API_KEY "
            + "with PUT /api/deployments/dep/env. Its last stderr line: " + MISSING;

    @Test
    void theGiveUpReasonNamesTheCauseForTheControlPlaneAndForClients() throws InterruptedException {
        try (McpHarness mcp = new McpHarness(SessionMode.SHARED)) {
            mcp.endpoints.register(DEPLOYMENT, new ServerCommand(List.of("fake-server"), Map.of("FOO", "secret"))
                    .in(new ServerCommand.Workspace("ada", DEPLOYMENT)), SessionMode.SHARED);
            eventually(() -> mcp.endpoints.state(DEPLOYMENT) instanceof RuntimeState.Running,
                    () -> mcp.endpoints.state(DEPLOYMENT).toString());

            mcp.servers.last().crashAndGiveUp(List.of("starting", MISSING));
            eventually(() -> mcp.endpoints.state(DEPLOYMENT) instanceof RuntimeState.Failed f
                            && f.reason().contains("kept crashing"), () -> mcp.endpoints.state(DEPLOYMENT).toString());

            assertEquals(new RuntimeState.Failed(REASON), mcp.endpoints.state(DEPLOYMENT));
            McpHttpResponse answer = mcp.post(null, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\",\"params\":"
                    + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
            // Clients get the same reason, framed as the state of the deployment and what to do about it.
            assertEquals("The deployment failed: " + REASON + ". Fix the cause, then start it again with "
                    + "POST /api/deployments/dep/start.", McpHarness.json(answer).path("error").path("message").asText());
            assertEquals(List.of(new Crash(OptionalInt.of(1), List.of("starting", MISSING), Optional.empty())),
                    mcp.endpoints.takeCrashes(DEPLOYMENT));
            assertEquals(List.of(), mcp.endpoints.takeCrashes(DEPLOYMENT), "each crash is taken once");
        }
    }

    @Test
    void crashesThatRestartAreKeptBoundedNewestLast() throws InterruptedException {
        try (McpHarness mcp = new McpHarness(SessionMode.SHARED)) {
            for (int i = 0; i < Bridge.CRASHES_KEPT + 3; i++) {
                mcp.servers.last().crash(true);
            }
            eventually(() -> mcp.servers.last().generation() == Bridge.CRASHES_KEPT + 4,
                    () -> "generation " + mcp.servers.last().generation());

            List<Crash> crashes = mcp.endpoints.takeCrashes(DEPLOYMENT);
            assertEquals(Bridge.CRASHES_KEPT, crashes.size());
            assertEquals(OptionalInt.of(137), crashes.getFirst().exitCode());
            assertEquals(Optional.of(java.time.Duration.ofMillis(20)), crashes.getLast().restartIn());
        }
    }
}
