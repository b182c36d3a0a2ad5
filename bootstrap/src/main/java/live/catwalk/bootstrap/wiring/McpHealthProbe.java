package live.catwalk.bootstrap.wiring;

import live.catwalk.core.health.domain.ComponentHealth;
import live.catwalk.core.health.port.out.HealthProbe;
import live.catwalk.core.mcp.engine.McpEndpoints;

/**
 * The MCP deployments, as counts only: the health check needs no credentials, so it names no deployment
 * (an id is also its MCP path) and shows no one's activity. Always up: one user's failed server is that
 * deployment's problem (its state and events say so), not the instance's.
 */
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
        McpEndpoints.Summary s = endpoints.summary();
        return ComponentHealth.ok(plural(s.deployments(), "deployment") + ", " + s.running() + " running, "
                + plural(s.sessions(), "session"));
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
