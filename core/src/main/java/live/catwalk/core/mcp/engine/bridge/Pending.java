package live.catwalk.core.mcp.engine.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import live.catwalk.core.mcp.domain.jsonrpc.IdKey;
import live.catwalk.core.mcp.engine.session.McpStream;
import live.catwalk.core.mcp.engine.session.Session;

/**
 * A client request forwarded to the server under {@code childId}: where its answer goes back to, the
 * client's own id, and its progress token as the client sent it and as the server sees it.
 */
record Pending(long childId, Session session, McpStream stream, JsonNode clientId, IdKey clientKey,
               String childToken, JsonNode clientToken, Instant deadline) {
}
