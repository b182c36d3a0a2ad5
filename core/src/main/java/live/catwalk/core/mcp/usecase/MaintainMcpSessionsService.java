package live.catwalk.core.mcp.usecase;

import java.util.Objects;
import live.catwalk.core.mcp.engine.McpEndpoints;
import live.catwalk.core.mcp.port.in.MaintainMcpSessions;

/** Ends idle sessions and times out overdue requests across all of the engine's endpoints. */
public final class MaintainMcpSessionsService implements MaintainMcpSessions {

    private final McpEndpoints endpoints;

    public MaintainMcpSessionsService(McpEndpoints endpoints) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    }

    @Override
    public int maintain() {
        return endpoints.maintain();
    }
}
