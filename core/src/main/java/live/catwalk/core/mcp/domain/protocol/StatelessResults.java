package live.catwalk.core.mcp.domain.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * What a 2025 server's answers become for a 2026-07-28 client: every result says {@code resultType} and names the
 * server in {@code _meta}, list and read results carry caching hints (no reuse across callers: {@code ttlMs} 0,
 * {@code cacheScope} private, as the result may depend on who asks), a missing resource ({@code -32002}, no longer
 * in the revision) is {@code -32602} with the URI; {@code server/discover} is answered from the server's
 * {@code initialize} result. Pure; results are changed in place.
 */
public final class StatelessResults {

    /** The {@code _meta} key of the server's name and version. */
    public static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";
    /** The methods whose complete results carry caching hints. */
    private static final Set<String> CACHED = Set.of("tools/list", "prompts/list", "resources/list",
            "resources/templates/list", "resources/read");
    /** The server capabilities the revision defines ({@code tasks}, say, is an extension now). */
    private static final List<String> CAPABILITIES = List.of("experimental", "logging", "completions", "prompts",
            "resources", "tools", "extensions");
    private static final int RESOURCE_NOT_FOUND_2025 = -32002;

    private StatelessResults() {
    }

    /** Completes the result of {@code method} for a stateless client, naming the server {@code serverInfo}. */
    public static ObjectNode complete(String method, ObjectNode result, JsonNode serverInfo) {
        if (!result.has("resultType")) {
            result.put("resultType", "complete");
        }
        JsonNode meta = result.path("_meta");
        ObjectNode ownMeta = meta.isObject() ? (ObjectNode) meta : result.putObject("_meta");
        if (serverInfo.isObject()) {
            ownMeta.set(SERVER_INFO, serverInfo.deepCopy());
        }
        if (CACHED.contains(method) && "complete".equals(result.path("resultType").asText())) {
            if (!result.path("ttlMs").canConvertToLong() || result.path("ttlMs").asLong() < 0) {
                result.put("ttlMs", 0);
            }
            if (!Set.of("public", "private").contains(result.path("cacheScope").asText())) {
                result.put("cacheScope", "private");
            }
        }
        return result;
    }

    /**
     * The error of a {@code method} request with {@code params} as the revision has it, which retired {@code -32002}:
     * on {@code resources/read} (a 2025 server's "resource not found") it becomes {@code -32602} with the URI,
     * elsewhere (the gateway's "server unavailable") {@code -32603}.
     */
    public static ObjectNode error(String method, ObjectNode error, JsonNode params) {
        if (error.path("code").asInt() == RESOURCE_NOT_FOUND_2025 && !method.equals("resources/read")) {
            error.put("code", -32603);
        } else if (error.path("code").asInt() == RESOURCE_NOT_FOUND_2025) {
            error.put("code", -32602);
            JsonNode data = error.path("data");
            ObjectNode ownData = data.isObject() ? (ObjectNode) data : error.putObject("data");
            if (!ownData.has("uri") && params.path("uri").isTextual()) {
                ownData.put("uri", params.path("uri").asText());
            }
        }
        return error;
    }

    /**
     * The answer to {@code server/discover} from the server's {@code initialize} result: the revisions served
     * statelessly, the capabilities the revision knows, the instructions, the server's name in {@code _meta}.
     */
    public static ObjectNode discover(ObjectNode initResult) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("resultType", "complete");
        var versions = result.putArray("supportedVersions");
        ProtocolVersion.STATELESS.forEach(v -> versions.add(v.wire()));
        ObjectNode capabilities = result.putObject("capabilities");
        JsonNode offered = initResult.path("capabilities");
        for (String name : CAPABILITIES) {
            if (offered.path(name).isObject()) {
                capabilities.set(name, offered.path(name).deepCopy());
            }
        }
        if (initResult.path("instructions").isTextual()) {
            result.put("instructions", initResult.path("instructions").asText());
        }
        result.putObject("_meta").set(SERVER_INFO, initResult.path("serverInfo").isObject()
                ? initResult.path("serverInfo").deepCopy() : JsonNodeFactory.instance.objectNode());
        result.put("ttlMs", 0);
        result.put("cacheScope", "private");
        return result;
    }
}
