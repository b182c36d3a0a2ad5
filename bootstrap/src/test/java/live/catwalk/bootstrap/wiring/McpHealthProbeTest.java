package live.catwalk.bootstrap.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import live.catwalk.core.health.domain.ComponentHealth;
import live.catwalk.core.health.domain.HealthStatus;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.fakes.CountingSessionIds;
import live.catwalk.core.mcp.fakes.FakeStdioServers;
import live.catwalk.core.mcp.fakes.MutableClock;
import live.catwalk.core.mcp.engine.McpEndpoints;
import org.junit.jupiter.api.Test;

class McpHealthProbeTest {

    @Test
    void reportsCountsOnlyAndStaysUpWhenOneUsersServerHasFailed() {
        FakeStdioServers servers = new FakeStdioServers();
        try (McpEndpoints endpoints = new McpEndpoints(servers, new CountingSessionIds(), new MutableClock(Instant.EPOCH),
                GatewaySettings.defaults(), "1")) {
            endpoints.register("alice-7f3a", new ServerCommand(List.of("fake"), Map.of()), SessionMode.SHARED);
            servers.makeUnstartable();
            endpoints.register("bob-left-pad", new ServerCommand(List.of("missing"), Map.of()), SessionMode.SHARED);

            ComponentHealth health = new McpHealthProbe(endpoints).probe();

            assertEquals(HealthStatus.OK, health.status(), health.detail());
            assertEquals("2 deployments, 1 running, 0 sessions", health.detail());
            assertFalse(health.detail().contains("alice") || health.detail().contains("bob"), health.detail());
        }
    }
}
