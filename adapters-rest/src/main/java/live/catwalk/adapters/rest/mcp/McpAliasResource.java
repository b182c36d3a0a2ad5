package live.catwalk.adapters.rest.mcp;

import jakarta.ws.rs.Path;
import java.time.Duration;
import live.catwalk.core.mcp.port.in.EndMcpSession;
import live.catwalk.core.mcp.port.in.HandleMcpPost;
import live.catwalk.core.mcp.port.in.OpenMcpStream;

/** {@code /api/mcp/{deploymentId}}: the same endpoint, for clients configured against Catwalk Live. */
@Path("/api/mcp/{deploymentId}")
public final class McpAliasResource extends McpEndpointResource {

    public McpAliasResource(HandleMcpPost post, OpenMcpStream open, EndMcpSession end, Duration heartbeat) {
        super(post, open, end, heartbeat);
    }
}
