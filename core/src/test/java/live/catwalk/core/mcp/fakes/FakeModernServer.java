package live.catwalk.core.mcp.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicInteger;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;

/**
 * A scripted server of MCP 2026-07-28 only: it refuses a 2025 {@code initialize} with {@code -32022} naming the
 * revision, answers {@code server/discover} (only with the revision's claim), and its tool {@code mrtr} asks for a
 * name in an {@code input_required} result with a state of its own ({@code child-state-N}), completing the retry that
 * echoes that state with the answer.
 */
public class FakeModernServer extends FakeMcpServer {

    private final AtomicInteger states = new AtomicInteger();

    @Override
    void receive(ObjectNode message, FakeChannel out) {
        if (!message.has("method") || !message.has("id")) {
            return;
        }
        JsonNode id = message.get("id");
        JsonNode params = message.path("params");
        switch (message.get("method").asText()) {
            case "initialize" -> {
                ObjectNode error = JsonRpc.object().put("code", -32022).put("message", "Unsupported protocol version");
                error.putObject("data").put("requested", params.path("protocolVersion").asText())
                        .putArray("supported").add("2026-07-28");
                out.emit(JsonRpc.error(id, error));
            }
            case "server/discover" -> out.emit(params.path("_meta").has("io.modelcontextprotocol/protocolVersion")
                    ? JsonRpc.result(id, discovered()) : JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "_meta is required"));
            case "tools/call" -> out.emit(JsonRpc.result(id, asked(params)));
            default -> out.emit(JsonRpc.error(id, JsonRpc.METHOD_NOT_FOUND, "no such method"));
        }
    }

    private static ObjectNode discovered() {
        ObjectNode result = JsonRpc.object().put("resultType", "complete");
        result.putArray("supportedVersions").add("2026-07-28");
        result.putObject("capabilities").putObject("tools");
        result.putObject("_meta").putObject("io.modelcontextprotocol/serverInfo").put("name", "fake-modern")
                .put("version", "1");
        return result.put("ttlMs", 0).put("cacheScope", "private");
    }

    private ObjectNode asked(JsonNode params) {
        String state = params.path("requestState").asText("");
        String name = params.path("inputResponses").path("name").path("content").path("name").asText("");
        if (state.startsWith("child-state-") && !name.isEmpty()) {
            ObjectNode done = text("Hello " + name + " (" + state + ")");
            return done.put("resultType", "complete");
        }
        ObjectNode result = JsonRpc.object().put("resultType", "input_required");
        ObjectNode question = result.putObject("inputRequests").putObject("name")
                .put("method", "elicitation/create").putObject("params").put("message", "Name?");
        question.putObject("requestedSchema").put("type", "object");
        return result.put("requestState", "child-state-" + states.incrementAndGet());
    }
}
