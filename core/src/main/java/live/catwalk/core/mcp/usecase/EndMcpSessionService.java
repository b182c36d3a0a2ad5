package live.catwalk.core.mcp.usecase;

import live.catwalk.core.mcp.domain.http.McpHttpRequest;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.McpReplies;
import live.catwalk.core.mcp.port.in.EndMcpSession;
import live.catwalk.core.mcp.port.out.DeploymentStates;
import live.catwalk.core.mcp.port.out.McpAccess;

/** DELETE: ends the session, its streams and requests (and its process in isolated mode); 204. */
public final class EndMcpSessionService implements EndMcpSession {

    private final Admission admission;

    /** For endpoints registered directly: a deployment without an endpoint answers as an unknown one. */
    public EndMcpSessionService(McpEndpoints endpoints, McpAccess access) {
        this(endpoints, access, DeploymentStates.NONE);
    }

    /** A deployment without an endpoint here answers by its stored state (stopped, failed, starting). */
    public EndMcpSessionService(McpEndpoints endpoints, McpAccess access, DeploymentStates states) {
        this.admission = new Admission(endpoints, access, states);
    }

    @Override
    public McpHttpResponse end(McpHttpRequest request) {
        Admission.SessionOutcome addressed = admission.address(request);
        if (addressed.refused()) {
            return addressed.refusal();
        }
        addressed.endpoint().end(addressed.attached());
        return new McpHttpResponse.Empty(204, McpReplies.NO_HEADERS);
    }
}
