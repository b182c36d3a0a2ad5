package live.catwalk.adapters.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import live.catwalk.core.mcp.domain.http.McpReplies;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import org.glassfish.grizzly.http.server.ErrorPageGenerator;
import org.glassfish.grizzly.http.server.Request;

/**
 * Replaces Grizzly's HTML error pages (oversized body, malformed request, TRACE, …) with problem JSON,
 * for the errors Grizzly answers before Jersey sees the request; while it shuts down, a JSON-RPC error on
 * the MCP endpoints.
 */
final class JsonErrorPages implements ErrorPageGenerator {

    private final ObjectMapper mapper;
    private final long maxBodyBytes;

    JsonErrorPages(ObjectMapper mapper, long maxBodyBytes) {
        this.mapper = mapper;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public String generate(Request request, int status, String reasonPhrase, String description, Throwable exception) {
        EdgeGuard.secure(request.getResponse().getResponse());
        if (status == 503) { // Grizzly's answer while it shuts down: to requests that come during the drain
            request.getResponse().setHeader("Retry-After", "5");
            if (isMcp(request.getRequestURI())) { // MCP clients read JSON-RPC errors, not problems
                request.getResponse().setContentType("application/json");
                return new String(JsonRpc.bytes(JsonRpc.error(null, JsonRpc.SERVER_UNAVAILABLE,
                        McpReplies.SHUTTING_DOWN)), StandardCharsets.UTF_8);
            }
        }
        request.getResponse().setContentType(Problem.MEDIA_TYPE);
        Problem problem = switch (status) {
            case 413 -> Problem.tooLarge(maxBodyBytes);
            case 400 -> Problem.forStatus(400, "The HTTP request is malformed.", null);
            case 405 -> Problem.forStatus(405, request.getMethod() + " is not allowed here.", null);
            case 503 -> Problem.forStatus(503, "Catwalk is shutting down (restarting or stopping).", "Retry shortly.");
            default -> Problem.forStatus(status, reasonPhrase == null ? "HTTP " + status + "." : reasonPhrase + ".", null);
        };
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException impossible) {
            return "{\"error\":\"internal\",\"message\":\"HTTP " + status + "\"}";
        }
    }

    /** Whether {@code path} is one of the MCP endpoints ({@code /mcp/…}, {@code /api/mcp/…}). */
    static boolean isMcp(String path) {
        return path != null && (path.startsWith("/mcp/") || path.startsWith("/api/mcp/"));
    }
}
