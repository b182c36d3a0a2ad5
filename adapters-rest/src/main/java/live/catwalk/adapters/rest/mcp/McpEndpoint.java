package live.catwalk.adapters.rest.mcp;

import java.time.Duration;
import live.catwalk.adapters.rest.EdgeLimits;
import live.catwalk.core.mcp.port.in.ServeMcp;
import org.glassfish.grizzly.http.server.HttpHandler;

/** Builds the MCP endpoint's handler for {@link live.catwalk.adapters.rest.RestServer}. */
public final class McpEndpoint {

    private McpEndpoint() {
    }

    /**
     * The Grizzly handler serving the MCP endpoints over the MCP in-port, counting its exchanges in {@code activity},
     * with bearer tokens' failures and requests within {@code limits}.
     */
    public static HttpHandler handler(ServeMcp mcp, Duration heartbeat, McpActivity activity, EdgeLimits limits) {
        return new McpHttpHandler(mcp, heartbeat, activity, limits);
    }
}
