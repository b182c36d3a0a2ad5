package live.catwalk.adapters.rest.mcp;

import java.time.Duration;
import live.catwalk.core.mcp.port.in.EndMcpSession;
import live.catwalk.core.mcp.port.in.HandleMcpPost;
import live.catwalk.core.mcp.port.in.OpenMcpStream;
import org.glassfish.grizzly.http.server.HttpHandler;

/** Builds the MCP endpoint's handler for {@link live.catwalk.adapters.rest.RestServer}. */
public final class McpEndpoint {

    private McpEndpoint() {
    }

    /** The Grizzly handler serving the MCP endpoints over the given use cases. */
    public static HttpHandler handler(HandleMcpPost post, OpenMcpStream open, EndMcpSession end, Duration heartbeat,
                                      long maxBodyBytes) {
        return new McpHttpHandler(post, open, end, heartbeat, maxBodyBytes);
    }
}
