package live.catwalk.core.mcp.domain.http;

import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request to a deployment's MCP endpoint, as the transport adapter saw it: the method, the
 * headers, the body (empty for GET and DELETE) and the bearer token presented, if any. The token is a
 * secret: never log it or put it into a message.
 */
public record McpHttpRequest(String deploymentId, String method, Headers headers, byte[] body,
                             Optional<String> bearerToken) {

    public McpHttpRequest {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
        Objects.requireNonNull(bearerToken, "bearerToken");
    }

    @Override
    public String toString() {
        return "McpHttpRequest[" + method + " " + deploymentId + ", " + body.length + " bytes]";
    }
}
