package live.catwalk.core.mcp.port.in;

import java.util.function.Consumer;
import live.catwalk.core.mcp.domain.http.McpHttpRequest;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;

/**
 * The MCP endpoint {@code /mcp/{deployment}}: POST (a JSON-RPC message, or a 2025-03-26 batch), GET (the
 * session's event stream, or its resumption after {@code Last-Event-ID}) and DELETE (ends the session). The
 * edge checks run once, in one place, in the order the transport rules imply (Host, Origin, access, then
 * Accept, Content-Type and the body); only then does the deployment's upstream see the exchange. Every bad
 * request is answered with its status and a JSON-RPC error body; never throws for bad input. The body is read
 * only for an admitted caller. Blocks at most for the JSON window (and a server start). Thread-safe.
 */
@FunctionalInterface
public interface ServeMcp {

    McpHttpResponse serve(McpHttpRequest request);

    /**
     * As {@link #serve(McpHttpRequest)}, the answer handed to {@code answered} exactly once: at once, or later on
     * another thread (a POST whose server has not answered yet holds no thread meanwhile). {@code answered} must
     * neither block for long nor throw. By default it answers at once, on this thread.
     */
    default void serve(McpHttpRequest request, Consumer<McpHttpResponse> answered) {
        answered.accept(serve(request));
    }
}
