package live.catwalk.bootstrap;

import java.util.stream.Collectors;
import live.catwalk.core.health.domain.ComponentHealth;
import live.catwalk.core.health.port.out.HealthProbe;
import live.catwalk.core.mcp.usecase.McpEndpoints;

/** The MCP deployments: down when a shared server has failed for good (not while it restarts). */
final class McpHealthProbe implements HealthProbe {

    private final McpEndpoints endpoints;

    McpHealthProbe(McpEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public String name() {
        return "mcp";
    }

    @Override
    public ComponentHealth probe() {
        String detail = endpoints.status().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
        String shown = detail.isEmpty() ? "no deployments" : detail;
        return endpoints.healthy() ? ComponentHealth.ok(shown) : ComponentHealth.down(shown);
    }
}
