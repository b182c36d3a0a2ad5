package live.catwalk.core.mcp.engine.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.domain.protocol.EraOfRequest;
import live.catwalk.core.mcp.domain.protocol.ProtocolVersion;
import live.catwalk.core.mcp.domain.protocol.StatelessRequests;

/**
 * How a stdio server that speaks only MCP 2026-07-28 is told apart and spoken to. It is found out without a probe
 * a 2025 server could trip over: such a server refuses the bridge's 2025 {@code initialize} with
 * {@code -32022} (unsupported protocol version) naming, in {@code data.supported}, a stateless revision Catwalk
 * serves, as the revision asks of a server that speaks it alone. Pure.
 */
final class ModernChild {

    private ModernChild() {
    }

    /** Whether {@code answer} (to the bridge's initialize) is that refusal. */
    static boolean refusedInitialize(ObjectNode answer) {
        JsonNode error = answer.path("error");
        if (error.path("code").asInt() != StatelessRequests.UNSUPPORTED_VERSION) {
            return false;
        }
        for (JsonNode version : error.path("data").path("supported")) {
            if (ProtocolVersion.STATELESS.stream().anyMatch(v -> v.wire().equals(version.asText()))) {
                return true;
            }
        }
        return false;
    }

    /** The params of a request of the bridge's own to such a server: the revision's claims, and nothing declared. */
    static ObjectNode claims() {
        ObjectNode params = JsonRpc.object();
        ObjectNode meta = params.putObject("_meta");
        meta.put(EraOfRequest.VERSION_CLAIM, ProtocolVersion.STATELESS.getLast().wire());
        meta.putObject(EraOfRequest.CAPABILITIES_CLAIM);
        meta.putObject("io.modelcontextprotocol/clientInfo").put("name", "catwalk").put("version", "1");
        return params;
    }
}
