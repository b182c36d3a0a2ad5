package live.catwalk.core.mcp.domain.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON-RPC id as a map key: {@code 1} and {@code "1"} differ, {@code 1} sent as int or long does not.
 */
public record IdKey(String value) {

    public static IdKey of(JsonNode id) {
        if (id.isTextual()) {
            return new IdKey("s:" + id.asText());
        }
        if (id.isIntegralNumber()) {
            return new IdKey("n:" + id.bigIntegerValue());
        }
        throw new IllegalArgumentException("not a JSON-RPC id: " + id.getNodeType());
    }
}
