package live.catwalk.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.fakes.CountingSessionIds;
import live.catwalk.core.mcp.usecase.ManageMcpEngineService;
import live.catwalk.core.mcp.engine.McpEndpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The local runtime with the real supervisor and a real (tiny) stdio MCP server. */
class LocalRuntimeIT {

    private static final DeploymentId ID = new DeploymentId("tiny");

    private final ProcessSupervisor supervisor = Children.supervisor()
            .backoff(Duration.ofSeconds(1), Duration.ofSeconds(5)).build();
    private final McpEndpoints endpoints = new McpEndpoints(supervisor, new CountingSessionIds(), Clock.systemUTC(),
            GatewaySettings.defaults(), "9.9.9");
    private final LocalRuntime runtime = new LocalRuntime(new ManageMcpEngineService(endpoints));
    private final List<Long> pids = new ArrayList<>();

    @AfterEach
    void closeEverything() {
        endpoints.close();
        supervisor.closeAll();
        Children.killIfRunning(pids);
    }

    @Test
    void aStartedServerRunsAnswersPingsAndItsStderrShowsInTheLogs() throws InterruptedException {
        runtime.start(ID, TinyMcpServer.command(false), SessionMode.SHARED);

        await(() -> runtime.state(ID), RuntimeState.Running.class);
        assertTrue(runtime.ping(ID, Duration.ofSeconds(5)));
        assertEquals(Set.of(ID), runtime.deployments());
        await(() -> runtime.logs(ID, 100), logs -> logs.contains("tiny-mcp got ping"));
        assertTrue(runtime.logs(ID, 100).getFirst().startsWith("tiny-mcp pid "), runtime.logs(ID, 100)::toString);
    }

    @Test
    void aKilledServerIsRestartingThenRunningAgain() throws InterruptedException {
        runtime.start(ID, TinyMcpServer.command(false), SessionMode.SHARED);
        await(() -> runtime.state(ID), RuntimeState.Running.class);
        long pid = pidFromLogs("tiny-mcp pid ");

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        RuntimeState restarting = await(() -> runtime.state(ID), RuntimeState.Starting.class);
        assertTrue(((RuntimeState.Starting) restarting).detail().startsWith("restarting in 1 s"), restarting::toString);
        assertFalse(runtime.ping(ID, Duration.ofSeconds(1)));
        await(() -> runtime.state(ID), RuntimeState.Running.class);
        assertTrue(runtime.ping(ID, Duration.ofSeconds(5)));
    }

    @Test
    void aStoppedServerIsAbsentAndNoProcessOfItsTreeIsLeft() throws InterruptedException {
        runtime.start(ID, TinyMcpServer.command(true), SessionMode.SHARED);
        await(() -> runtime.state(ID), RuntimeState.Running.class);
        long server = pidFromLogs("tiny-mcp pid ");
        long child = pidFromLogs("tiny-mcp child ");
        assertTrue(Children.isRunning(server) && Children.isRunning(child), "the tree runs before stop");

        runtime.stop(ID);

        assertEquals(new RuntimeState.Absent(), runtime.state(ID));
        assertEquals(Set.of(), runtime.deployments());
        assertFalse(Children.isRunning(server), "the server survived stop");
        assertFalse(Children.isRunning(child), "the server's child survived stop");
    }

    @Test
    void aProgramThatDoesNotExistHasFailed() {
        runtime.start(ID, new ServerCommand(List.of("/nonexistent/catwalk-no-such-server"), Map.of()),
                SessionMode.SHARED);

        RuntimeState state = runtime.state(ID);
        assertTrue(state instanceof RuntimeState.Failed f && f.reason().contains("catwalk-no-such-server"),
                state::toString);
        assertFalse(runtime.ping(ID, Duration.ofSeconds(1)));
    }

    private long pidFromLogs(String prefix) throws InterruptedException {
        List<String> logs = await(() -> runtime.logs(ID, 100), l -> l.stream().anyMatch(s -> s.startsWith(prefix)));
        long pid = Long.parseLong(logs.stream().filter(s -> s.startsWith(prefix)).findFirst().orElseThrow()
                .substring(prefix.length()).strip());
        pids.add(pid);
        return pid;
    }

    private static RuntimeState await(Supplier<RuntimeState> state, Class<? extends RuntimeState> wanted)
            throws InterruptedException {
        return await(state, wanted::isInstance);
    }

    private static <T> T await(Supplier<T> value, java.util.function.Predicate<T> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            T now = value.get();
            if (wanted.test(now)) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 15 s; last: " + now);
            }
            Thread.sleep(5);
        }
    }
}
