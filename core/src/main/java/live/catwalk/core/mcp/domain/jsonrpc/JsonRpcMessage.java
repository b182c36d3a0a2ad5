package live.catwalk.core.mcp.domain.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One JSON-RPC 2.0 message, kept as the object it was parsed from so that everything Catwalk does not
 * rewrite (params, extra fields) passes through untouched. Ids are kept exactly as sent: a string or an
 * integral number, never null. Instances wrap a mutable node: copy before rewriting a shared one.
 */
public sealed interface JsonRpcMessage {

    /** The whole message. */
    ObjectNode node();

    /** Classifies a parsed JSON value; throws {@link InvalidMessage} when it is no JSON-RPC 2.0 message. */
    static JsonRpcMessage of(JsonNode json) {
        if (!(json instanceof ObjectNode node)) {
            throw new InvalidMessage("A JSON-RPC message must be a JSON object.");
        }
        if (!"2.0".equals(node.path("jsonrpc").asText(null))) {
            throw new InvalidMessage("The member \"jsonrpc\" must be exactly \"2.0\".");
        }
        JsonNode method = node.get("method");
        JsonNode id = node.get("id");
        if (method != null) {
            if (!method.isTextual() || method.asText().isEmpty()) {
                throw new InvalidMessage("The member \"method\" must be a non-empty string.");
            }
            if (node.has("params") && !node.get("params").isContainerNode()) {
                throw new InvalidMessage("The member \"params\" must be an object or an array.");
            }
            return id == null ? new Notification(node) : new Request(checkedId(id), node);
        }
        if (node.has("result") == node.has("error")) {
            throw new InvalidMessage("A response needs exactly one of \"result\" and \"error\".");
        }
        if (id == null) {
            throw new InvalidMessage("A response needs an \"id\".");
        }
        return new Response(id.isNull() ? id : checkedId(id), node);
    }

    private static JsonNode checkedId(JsonNode id) {
        if (id.isTextual() || id.isIntegralNumber()) {
            return id;
        }
        throw new InvalidMessage("The member \"id\" must be a string or an integer.");
    }

    /** A request: it expects exactly one response with the same id. */
    record Request(JsonNode id, ObjectNode node) implements JsonRpcMessage {

        public Request {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(node, "node");
        }

        public String method() {
            return node.get("method").asText();
        }

        /** The params object, or a missing node. */
        public JsonNode params() {
            return node.path("params");
        }
    }

    /** A notification: no id, no response. */
    record Notification(ObjectNode node) implements JsonRpcMessage {

        public Notification {
            Objects.requireNonNull(node, "node");
        }

        public String method() {
            return node.get("method").asText();
        }

        public JsonNode params() {
            return node.path("params");
        }
    }

    /** A response: a result or an error for the request with the same id ({@code null} id only for errors). */
    record Response(JsonNode id, ObjectNode node) implements JsonRpcMessage {

        public Response {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(node, "node");
        }

        public boolean isError() {
            return node.has("error");
        }
    }

    /** The input is JSON but not a JSON-RPC 2.0 message; answered with {@code -32600 Invalid Request}. */
    final class InvalidMessage extends RuntimeException {

        public InvalidMessage(String message) {
            super(message, null, false, false);
        }
    }
}
