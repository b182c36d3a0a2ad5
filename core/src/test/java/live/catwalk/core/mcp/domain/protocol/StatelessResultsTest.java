package live.catwalk.core.mcp.domain.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import org.junit.jupiter.api.Test;

/** What a 2025 server's results and errors become for a 2026-07-28 client. */
class StatelessResultsTest {

    private static ObjectNode error(int code) {
        return JsonRpc.object().put("code", code).put("message", "m");
    }

    @Test
    void theRetiredResourceNotFoundCodeIsInvalidParamsWithTheUriOnAReadAndAnInternalErrorElsewhere() {
        JsonNode read = StatelessResults.error("resources/read", error(-32002), JsonRpc.object().put("uri", "file:///x"));
        assertEquals(-32602, read.path("code").asInt());
        assertEquals("file:///x", read.path("data").path("uri").asText());

        JsonNode call = StatelessResults.error("tools/call", error(-32002), JsonRpc.object().put("name", "t"));
        assertEquals(-32603, call.path("code").asInt(), "the gateway's 'server unavailable' is no missing resource");
        assertFalse(call.has("data"));

        assertEquals(-32601, StatelessResults.error("tools/call", error(-32601), JsonRpc.object()).path("code").asInt());
    }

    @Test
    void aResultKeepsItsOwnTypeAndOnlyCompleteListsAndReadsGetCachingHints() {
        ObjectNode info = JsonRpc.object().put("name", "s");
        ObjectNode asked = StatelessResults.complete("resources/read", JsonRpc.object().put("resultType", "input_required"),
                info);
        assertEquals("input_required", asked.path("resultType").asText());
        assertFalse(asked.has("ttlMs"), "input_required results carry no caching hints");

        ObjectNode list = StatelessResults.complete("tools/list", JsonRpc.object(), info);
        assertEquals("complete", list.path("resultType").asText());
        assertEquals(0, list.path("ttlMs").asInt());
        assertEquals("private", list.path("cacheScope").asText());
        assertTrue(list.path("_meta").path(StatelessResults.SERVER_INFO).has("name"));
        assertFalse(StatelessResults.complete("tools/call", JsonRpc.object(), info).has("cacheScope"));
    }
}
