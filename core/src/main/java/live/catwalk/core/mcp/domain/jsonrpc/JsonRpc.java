package live.catwalk.core.mcp.domain.jsonrpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Reading and writing JSON-RPC over the MCP transports: strict, bounded in nesting, one compact line per
 * message (so a message is also a valid stdio line and a single SSE {@code data} line). Thread-safe.
 */
public final class JsonRpc {

    /** Deeper than any MCP message needs; bounds the stack a hostile body can consume. */
    public static final int MAX_NESTING_DEPTH = 256;

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** Implementation-defined: a transport-level problem (bad header, unsupported version, …). */
    public static final int TRANSPORT_ERROR = -32000;
    /** Implementation-defined: the session does not exist (anymore). */
    public static final int SESSION_NOT_FOUND = -32001;
    /** Implementation-defined: the MCP server behind the gateway is not available. */
    public static final int SERVER_UNAVAILABLE = -32002;
    /** Implementation-defined: the MCP server did not answer in time. */
    public static final int REQUEST_TIMEOUT = -32003;

    private static final ObjectMapper MAPPER = JsonMapper.builder(new JsonFactoryBuilder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonRpc() {
    }

    /** Parses one JSON value; throws {@link MalformedJson} when the bytes are not JSON. */
    public static JsonNode parse(byte[] json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new MalformedJson("The body is empty.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedJson("The body is not valid JSON" + where(e) + ".");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses one line written by a stdio server. */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedJson("Not valid JSON" + where(e) + ".");
        }
    }

    /** The compact single-line form of a JSON value. */
    public static String line(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serialises", e);
        }
    }

    /** The compact UTF-8 form of a JSON value. */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serialises", e);
        }
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** A request message. */
    public static ObjectNode request(JsonNode id, String method, JsonNode params) {
        ObjectNode node = object().put("jsonrpc", "2.0");
        node.set("id", id);
        node.put("method", method);
        if (params != null && !params.isMissingNode()) {
            node.set("params", params);
        }
        return node;
    }

    /** A notification message. */
    public static ObjectNode notification(String method, JsonNode params) {
        ObjectNode node = object().put("jsonrpc", "2.0").put("method", method);
        if (params != null && !params.isMissingNode()) {
            node.set("params", params);
        }
        return node;
    }

    /** A success response. */
    public static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode node = object().put("jsonrpc", "2.0");
        node.set("id", id);
        node.set("result", result);
        return node;
    }

    /** An error response; {@code id} may be null when the request's id could not be read. */
    public static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode node = object().put("jsonrpc", "2.0");
        node.set("id", id == null ? NullNode.getInstance() : id);
        node.putObject("error").put("code", code).put("message", Objects.requireNonNull(message, "message"));
        return node;
    }

    /** An error response carrying an error object as the server wrote it. */
    public static ObjectNode error(JsonNode id, ObjectNode error) {
        ObjectNode node = object().put("jsonrpc", "2.0");
        node.set("id", id == null ? NullNode.getInstance() : id);
        node.set("error", error);
        return node;
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    /** The bytes are not JSON; answered with {@code -32700 Parse error}. The message quotes nothing. */
    public static final class MalformedJson extends RuntimeException {

        public MalformedJson(String message) {
            super(message, null, false, false);
        }
    }
}
