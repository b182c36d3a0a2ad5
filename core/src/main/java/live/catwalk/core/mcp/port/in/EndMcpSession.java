package live.catwalk.core.mcp.port.in;

import live.catwalk.core.mcp.domain.http.McpHttpRequest;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;

/**
 * {@code DELETE /mcp/{deployment}}: ends the session; later requests with its id get 404. Never throws
 * for bad input. Thread-safe.
 */
@FunctionalInterface
public interface EndMcpSession {

    McpHttpResponse end(McpHttpRequest request);
}
