package live.catwalk.core.mcp.engine.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.mcp.domain.StdioEvent;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.fakes.FakeStdioServers;
import live.catwalk.core.shared.domain.ServerCommand;
import org.junit.jupiter.api.Test;

/** What one bridge tells the control plane about its process, from the supervisor's events alone. */
class BridgeStateTest {

    private static final String MISSING = "Error: FOO_API_KEY environment variable is required";

    @Test
    void betweenTheLastExitAndTheGiveUpTheReasonAlreadyNamesTheCause() {
        Bridge bridge = new Bridge(new FakeStdioServers(), new ServerCommand(List.of("x"), Map.of())
                .in(new ServerCommand.Workspace("file", "file-weather")), JsonRpc.object(), null, new Slots(4), 4);

        bridge.onEvent(new StdioEvent.Exited(1, OptionalInt.of(1), Optional.empty(), List.of(MISSING)));

        assertEquals(new RuntimeState.Failed("The MCP server exited with code 1 and is not restarted: FOO_API_KEY "
                + "environment variable is required — set FOO_API_KEY in the deployment's env in the deployments file. "
                + "Its last stderr line: " + MISSING), bridge.runtimeState());
        assertEquals(Optional.of("The MCP server exited with code 1 and is not restarted: FOO_API_KEY environment "
                + "variable is required — set FOO_API_KEY in the deployment's env in the deployments file. Its last "
                + "stderr line: " + MISSING), bridge.failure(), "clients get the same reason");
        assertEquals(false, bridge.usable());
    }

    @Test
    void aRestartingServerIsNotAFailure() {
        Bridge bridge = new Bridge(new FakeStdioServers(), new ServerCommand(List.of("x"), Map.of()), JsonRpc.object(),
                null, new Slots(4), 4);

        bridge.onEvent(new StdioEvent.Exited(1, OptionalInt.of(1), Optional.of(java.time.Duration.ofMillis(20)),
                List.of(MISSING)));

        assertEquals(Optional.empty(), bridge.failure());
        assertEquals(true, bridge.usable());
        assertEquals("restarting", bridge.stateName());
        assertEquals(1, bridge.takeCrashes().size());
        assertEquals(List.of(), bridge.takeCrashes(), "each crash is taken once");
    }
}
