package live.catwalk.core.mcp.port.in;

import live.catwalk.core.mcp.domain.http.McpHttpRequest;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;

/**
 * {@code GET /mcp/{deployment}}: the session's standalone event stream, or the resumption of a stream
 * after {@code Last-Event-ID}. Never throws for bad input. Thread-safe.
 */
@FunctionalInterface
public interface OpenMcpStream {

    McpHttpResponse open(McpHttpRequest request);
}
