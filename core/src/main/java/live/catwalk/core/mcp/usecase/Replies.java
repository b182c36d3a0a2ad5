package live.catwalk.core.mcp.usecase;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;

/** The MCP engine's one mapping of refusals to HTTP: a status plus a JSON-RPC error body. */
final class Replies {

    static final Map<String, String> NO_HEADERS = Map.of();

    private Replies() {
    }

    static McpHttpResponse error(int status, int code, String message) {
        return error(status, code, message, null, NO_HEADERS);
    }

    static McpHttpResponse error(int status, int code, String message, JsonNode id, Map<String, String> headers) {
        return new McpHttpResponse.Json(status, headers, JsonRpc.bytes(JsonRpc.error(id, code, message)));
    }

    static McpHttpResponse unauthorized() {
        return error(401, JsonRpc.TRANSPORT_ERROR,
                "Unauthorized: send the deployment's access token as 'Authorization: Bearer <token>'.", null,
                Map.of("WWW-Authenticate", "Bearer realm=\"catwalk\""));
    }

    static McpHttpResponse sessionRequired() {
        return error(400, JsonRpc.TRANSPORT_ERROR,
                "Bad Request: the Mcp-Session-Id header is required; start a session with 'initialize'.");
    }

    static McpHttpResponse sessionNotFound() {
        return error(404, JsonRpc.SESSION_NOT_FOUND,
                "Session not found: it expired or was ended; start a new one with 'initialize'.");
    }

    static McpHttpResponse accepted() {
        return new McpHttpResponse.Empty(202, NO_HEADERS);
    }
}
