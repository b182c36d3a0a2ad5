package live.catwalk.core.mcp.port.in;

import java.util.Optional;
import live.catwalk.core.mcp.domain.http.McpHttpRequest;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;

/**
 * {@code POST /mcp/{deployment}}: a JSON-RPC message (or a 2025-03-26 batch) from an MCP client. Answers
 * every transport rule with the right status and a JSON-RPC error body; never throws for bad input.
 * Blocks at most for the JSON window (and a server start). Thread-safe.
 */
@FunctionalInterface
public interface HandleMcpPost {

    McpHttpResponse handle(McpHttpRequest request);

    /**
     * The checks that need no body (Host, Origin, the bearer token), for the transport to run before it
     * reads one: the refusal to send instead, or empty when the body should be read and {@link #handle}d
     * (which checks again). The request's body is ignored. Never throws for bad input.
     */
    default Optional<McpHttpResponse> refuseBeforeBody(McpHttpRequest request) {
        return Optional.empty();
    }
}
