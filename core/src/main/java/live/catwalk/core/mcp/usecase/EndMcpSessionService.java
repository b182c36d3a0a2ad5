package live.catwalk.core.mcp.usecase;

import live.catwalk.core.mcp.domain.http.McpHttpRequest;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.McpReplies;
import live.catwalk.core.mcp.port.in.EndMcpSession;
import live.catwalk.core.mcp.port.out.McpAccess;

/** DELETE: ends the session, its streams and requests (and its process in isolated mode); 204. */
public final class EndMcpSessionService implements EndMcpSession {

    private final Admission admission;

    public EndMcpSessionService(McpEndpoints endpoints, McpAccess access) {
        this.admission = new Admission(endpoints, access);
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
