package live.catwalk.adapters.rest.mcp;

import jakarta.ws.rs.Path;
import java.time.Duration;
import live.catwalk.core.mcp.port.in.EndMcpSession;
import live.catwalk.core.mcp.port.in.HandleMcpPost;
import live.catwalk.core.mcp.port.in.OpenMcpStream;

/** {@code /mcp/{deploymentId}}: a deployment's MCP Streamable HTTP endpoint. */
@Path("/mcp/{deploymentId}")
public final class McpResource extends McpEndpointResource {

    public McpResource(HandleMcpPost post, OpenMcpStream open, EndMcpSession end, Duration heartbeat) {
        super(post, open, end, heartbeat);
    }
}
