package live.catwalk.bootstrap.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import live.catwalk.adapters.rest.mcp.McpActivity;
import live.catwalk.adapters.rest.runner.RunnerReport;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.mcp.engine.McpEndpoints;
import live.catwalk.core.mcp.fakes.CountingSessionIds;
import live.catwalk.core.mcp.fakes.FakeStdioServers;
import live.catwalk.core.mcp.fakes.MutableClock;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import org.junit.jupiter.api.Test;

class EngineRunnerReportTest {

    private final FakeStdioServers servers = new FakeStdioServers();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void countsRestartsAndKeepsTheLastExitAcrossCollections() throws Exception {
        try (McpEndpoints endpoints = new McpEndpoints(servers, new CountingSessionIds(), clock,
                GatewaySettings.defaults(), "1")) {
            endpoints.register("dep-1", new ServerCommand(List.of("fake"), Map.of()), SessionMode.SHARED);
            EngineRunnerReport report = new EngineRunnerReport(endpoints, "dep-1", clock, new McpActivity());
            awaitTrue(() -> report.status().alive());
            RunnerReport.Status fresh = report.status();
            assertEquals(0, fresh.restarts());
            assertEquals(Optional.empty(), fresh.lastExit());
            assertEquals(0, fresh.sessions());

            servers.last().crash(true);
            awaitTrue(() -> report.status().restarts() == 1);
            clock.advance(Duration.ofSeconds(90));
            report.collectCrashes(); // nothing new: the count and the last exit stay
            RunnerReport.Status restarted = report.status();
            assertEquals(1, restarted.restarts());
            assertEquals(137, restarted.lastExit().orElseThrow().code());
            assertEquals(Instant.parse("2026-01-01T00:00:00Z"), restarted.lastExit().orElseThrow().at());
            assertEquals(90, restarted.uptimeSeconds());

            servers.last().crashAndGiveUp(List.of("boom"));
            awaitTrue(() -> report.status().lastExit().orElseThrow().code() == 1);
            // The engine gives the server up just after the exit is seen: alive turns false then.
            awaitTrue(() -> !report.status().alive());
            RunnerReport.Status failed = report.status();
            assertFalse(failed.alive());
            assertEquals(1, failed.restarts(), "an exit after which the server is given up on is no restart");
            assertEquals(Instant.parse("2026-01-01T00:01:30Z"), failed.lastExit().orElseThrow().at());
        }
    }

    @Test
    void logsAreTheServersStderrTail() throws Exception {
        try (McpEndpoints endpoints = new McpEndpoints(servers, new CountingSessionIds(), clock,
                GatewaySettings.defaults(), "1")) {
            endpoints.register("dep-1", new ServerCommand(List.of("fake"), Map.of()), SessionMode.SHARED);
            EngineRunnerReport report = new EngineRunnerReport(endpoints, "dep-1", clock, new McpActivity());
            servers.last().writeStderr("one");
            servers.last().writeStderr("two");
            assertEquals(List.of("two"), report.logs(1));
            assertTrue(report.logs(10).containsAll(List.of("one", "two")));
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 5 s");
            }
            Thread.sleep(10);
        }
    }
}
