package live.catwalk.core.mcp.port.in;

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
}
