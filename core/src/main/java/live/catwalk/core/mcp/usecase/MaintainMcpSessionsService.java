package live.catwalk.core.mcp.usecase;

import java.time.Instant;
import live.catwalk.core.mcp.port.in.MaintainMcpSessions;

/** Ends idle sessions and times out overdue requests across all endpoints. */
public final class MaintainMcpSessionsService implements MaintainMcpSessions {

    private final McpEndpoints endpoints;

    public MaintainMcpSessionsService(McpEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public int maintain() {
        Instant now = endpoints.clock().instant();
        int ended = 0;
        for (Endpoint endpoint : endpoints.all()) {
            ended += endpoint.maintain(now);
        }
        return ended;
    }
}
