package live.catwalk.core.mcp.domain.http;

import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request to a deployment's MCP endpoint, as the transport adapter saw it: the method, the
 * headers, the body (read only when the request passed the checks that need none) and the bearer token
 * presented, if any. The token is a secret: never log it or put it into a message.
 */
public record McpHttpRequest(String deploymentId, String method, Headers headers, RequestBody body,
                             Optional<String> bearerToken) {

    public McpHttpRequest {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(headers, "headers");
        body = body == null ? RequestBody.NONE : body;
        Objects.requireNonNull(bearerToken, "bearerToken");
    }

    /** A request whose body is already in memory (null: none). */
    public McpHttpRequest(String deploymentId, String method, Headers headers, byte[] body,
                          Optional<String> bearerToken) {
        this(deploymentId, method, headers, body == null ? RequestBody.NONE : RequestBody.of(body), bearerToken);
    }

    @Override
    public String toString() {
        return "McpHttpRequest[" + method + " " + deploymentId + "]";
    }
}
