package live.catwalk.core.mcp.usecase;

import java.util.Optional;
import live.catwalk.core.mcp.domain.http.HttpRules;
import live.catwalk.core.mcp.domain.http.McpHttpRequest;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.McpReplies;
import live.catwalk.core.mcp.domain.http.SseSource;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.domain.session.Session;
import live.catwalk.core.mcp.port.in.OpenMcpStream;
import live.catwalk.core.mcp.port.out.DeploymentStates;
import live.catwalk.core.mcp.port.out.McpAccess;

/** The session's standalone stream (one reader at a time), or a stream resumed after Last-Event-ID. */
public final class OpenMcpStreamService implements OpenMcpStream {

    private final Admission admission;

    /** For endpoints registered directly: a deployment without an endpoint answers as an unknown one. */
    public OpenMcpStreamService(McpEndpoints endpoints, McpAccess access) {
        this(endpoints, access, DeploymentStates.NONE);
    }

    /** A deployment without an endpoint here answers by its stored state (stopped, failed, starting). */
    public OpenMcpStreamService(McpEndpoints endpoints, McpAccess access, DeploymentStates states) {
        this.admission = new Admission(endpoints, access, states);
    }

    @Override
    public McpHttpResponse open(McpHttpRequest request) {
        Admission.SessionOutcome addressed = admission.address(request);
        if (addressed.refused()) {
            return addressed.refusal();
        }
        if (!HttpRules.accepts(request.headers().joined("Accept").orElse(null), "text", "event-stream")) {
            return McpReplies.error(406, JsonRpc.TRANSPORT_ERROR,
                    "Not Acceptable: a GET stream needs 'Accept: text/event-stream'.");
        }
        Session session = addressed.attached().session();
        Optional<String> lastEventId = request.headers().first("Last-Event-ID");
        if (lastEventId.isPresent()) {
            Optional<SseSource> resumed = session.resume(lastEventId.get().strip());
            return resumed.<McpHttpResponse>map(source -> new McpHttpResponse.Stream(McpReplies.NO_HEADERS, source))
                    .orElseGet(() -> McpReplies.error(400, JsonRpc.TRANSPORT_ERROR, "Bad Request: Last-Event-ID does "
                            + "not name an event of this session that can still be resumed."));
        }
        return session.readStandalone()
                .<McpHttpResponse>map(source -> new McpHttpResponse.Stream(McpReplies.NO_HEADERS, source))
                .orElseGet(() -> McpReplies.error(409, JsonRpc.TRANSPORT_ERROR,
                        "Conflict: this session already has its GET stream open; only one is allowed."));
    }
}
