package live.catwalk.core.mcp.port.out;

import live.catwalk.core.mcp.domain.SessionId;

/** New session ids from a cryptographically secure random source, never repeated. Thread-safe. */
@FunctionalInterface
public interface SessionIdSource {

    SessionId next();
}
