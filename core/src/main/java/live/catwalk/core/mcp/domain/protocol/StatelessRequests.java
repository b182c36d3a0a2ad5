package live.catwalk.core.mcp.domain.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.mcp.domain.http.Headers;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;

/**
 * The checks a 2026-07-28 request passes before it is served, after {@link EraOfRequest} found it stateless (claim,
 * capabilities and the headers' agreement with the body): the version and method headers are there, the claimed
 * revision is one Catwalk serves ({@code -32022} with the supported list otherwise), the method exists in the
 * revision (404 {@code -32601} for {@code initialize}, {@code ping} and the others it removed), and {@code Mcp-Name}
 * names what the body names. Pure.
 */
public final class StatelessRequests {

    /** JSON-RPC code for a request of a revision the server does not serve (2026-07-28). */
    public static final int UNSUPPORTED_VERSION = -32022;
    /** JSON-RPC code for a request needing a client capability it did not declare (2026-07-28). */
    public static final int MISSING_CAPABILITY = -32021;
    /** The {@code _meta} key of the log level a request asks notifications at, if any. */
    public static final String LOG_LEVEL = "io.modelcontextprotocol/logLevel";

    /** The methods of the revision a client may call. */
    public static final Set<String> METHODS = Set.of("server/discover", "tools/list", "tools/call", "prompts/list",
            "prompts/get", "resources/list", "resources/templates/list", "resources/read", "completion/complete",
            "subscriptions/listen");
    /** The methods whose target {@code Mcp-Name} repeats, and the parameter that names it. */
    private static final Map<String, String> NAMED = Map.of("tools/call", "name", "prompts/get", "name",
            "resources/read", "uri");

    /** Why a request is not served: HTTP status, JSON-RPC code and message, and the error's data (or null). */
    public record Refusal(int status, int code, String message, JsonNode data) {

        public Refusal {
            Objects.requireNonNull(message, "message");
        }
    }

    private StatelessRequests() {
    }

    /** The refusal of a stateless request for {@code method} with {@code params} claiming {@code version}, if any. */
    public static Optional<Refusal> check(Headers headers, String method, JsonNode params, String version) {
        if (headers.first("MCP-Protocol-Version").map(String::strip).filter(v -> !v.isEmpty()).isEmpty()) {
            return mismatch("the required header MCP-Protocol-Version is missing.");
        }
        if (headers.first("Mcp-Method").map(String::strip).filter(v -> !v.isEmpty()).isEmpty()) {
            return mismatch("the required header Mcp-Method is missing.");
        }
        Optional<ProtocolVersion> known = ProtocolVersion.parse(version).filter(v -> v.era() == Era.STATELESS_2026);
        if (known.isEmpty()) {
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            ArrayNode supported = data.putArray("supported");
            ProtocolVersion.STATELESS.forEach(v -> supported.add(v.wire()));
            data.put("requested", version);
            return Optional.of(new Refusal(400, UNSUPPORTED_VERSION, "Unsupported protocol version: this server "
                    + "serves " + String.join(", ", ProtocolVersion.STATELESS.stream().map(ProtocolVersion::wire)
                    .toList()) + " without a session (and 2025 revisions with one).", data));
        }
        if (!METHODS.contains(method)) {
            return Optional.of(new Refusal(404, JsonRpc.METHOD_NOT_FOUND, "Method not found: " + shown(method)
                    + (Set.of("initialize", "ping", "logging/setLevel", "resources/subscribe", "resources/unsubscribe")
                    .contains(method) ? " was removed in " + version + "." : "."), null));
        }
        String param = NAMED.get(method);
        if (param != null) {
            Optional<String> name = headers.first("Mcp-Name").map(String::strip).map(StatelessRequests::decoded);
            JsonNode named = params.path(param);
            if (name.isEmpty()) {
                return mismatch("the required header Mcp-Name is missing for " + method + ".");
            }
            if (!named.isTextual() || !named.asText().equals(name.get())) {
                return mismatch("Mcp-Name (" + shown(name.get()) + ") differs from params." + param + ".");
            }
        }
        return Optional.empty();
    }

    /** Whether a log message at {@code level} may go to a request that asked for {@code wanted} (or for none). */
    public static boolean logged(String level, Optional<String> wanted) {
        return wanted.isPresent() && severity(level) >= severity(wanted.get()) && severity(level) >= 0;
    }

    private static int severity(String level) {
        return switch (level) {
            case "debug" -> 0;
            case "info" -> 1;
            case "notice" -> 2;
            case "warning" -> 3;
            case "error" -> 4;
            case "critical" -> 5;
            case "alert" -> 6;
            case "emergency" -> 7;
            default -> -1;
        };
    }

    /** A header value as sent, or the UTF-8 text of its {@code =?base64?…?=} form (unchanged if that is malformed). */
    static String decoded(String value) {
        if (!value.startsWith("=?base64?") || !value.endsWith("?=") || value.length() < 11) {
            return value;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(value.substring(9, value.length() - 2));
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return value;
        }
    }

    private static Optional<Refusal> mismatch(String why) {
        return Optional.of(new Refusal(400, EraOfRequest.HEADER_MISMATCH, "Bad Request: header mismatch: " + why,
                null));
    }

    private static String shown(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
