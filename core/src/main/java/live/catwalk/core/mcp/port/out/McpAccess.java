package live.catwalk.core.mcp.port.out;

import java.util.Optional;

/**
 * Decides who may use a deployment's MCP endpoint. Returns the principal (a stable, secret-free id of
 * the caller) for a valid bearer token, and empty for a missing or wrong token and for an unknown
 * deployment alike, so the answer reveals nothing. Thread-safe.
 */
@FunctionalInterface
public interface McpAccess {

    Optional<String> authenticate(String deploymentId, Optional<String> bearerToken);
}
