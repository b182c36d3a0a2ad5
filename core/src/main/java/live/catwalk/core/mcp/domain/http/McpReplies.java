package live.catwalk.core.mcp.domain.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;

/** The MCP engine's one mapping of refusals to HTTP: a status plus a JSON-RPC error body. */
public final class McpReplies {

    public static final Map<String, String> NO_HEADERS = Map.of();

    private McpReplies() {
    }

    /** A refusal: {@code status} with a JSON-RPC error of {@code code} and no id. */
    public static McpHttpResponse error(int status, int code, String message) {
        return error(status, code, message, null, NO_HEADERS);
    }

    /** A JSON-RPC error answering request {@code id} (null if unknown), with extra response headers. */
    public static McpHttpResponse error(int status, int code, String message, JsonNode id, Map<String, String> headers) {
        return new McpHttpResponse.Json(status, headers, JsonRpc.bytes(JsonRpc.error(id, code, message)));
    }

    public static McpHttpResponse unauthorized() {
        return error(401, JsonRpc.TRANSPORT_ERROR,
                "Unauthorized: send the deployment's access token as 'Authorization: Bearer <token>'.", null,
                Map.of("WWW-Authenticate", "Bearer realm=\"catwalk\""));
    }

    public static McpHttpResponse sessionRequired() {
        return error(400, JsonRpc.TRANSPORT_ERROR,
                "Bad Request: the Mcp-Session-Id header is required; start a session with 'initialize'.");
    }

    public static McpHttpResponse sessionNotFound() {
        return error(404, JsonRpc.SESSION_NOT_FOUND,
                "Session not found: it expired or was ended; start a new one with 'initialize'.");
    }

    /** 405 for anything but POST, GET and DELETE. */
    public static McpHttpResponse methodNotAllowed(String method) {
        return error(405, JsonRpc.TRANSPORT_ERROR, "Method Not Allowed: " + method + " is not part of the MCP "
                + "transport; use POST, GET or DELETE.", null, Map.of("Allow", "GET, POST, DELETE"));
    }

    public static McpHttpResponse accepted() {
        return new McpHttpResponse.Empty(202, NO_HEADERS);
    }
}
