package live.catwalk.core.mcp.domain.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * Which protocol era one HTTP request to {@code /mcp} belongs to, decided from its body as MCP 2026-07-28
 * prescribes for a server serving both eras on one URL: a {@code _meta} protocol-version claim makes it
 * stateless-era; without one it is sessionful, unless the {@code MCP-Protocol-Version} header contradicts
 * that. The headers only cross-check. Pure: no I/O, no state.
 */
public sealed interface EraOfRequest {

    /** The {@code _meta} key naming the protocol version of a stateless-era request. */
    String VERSION_CLAIM = "io.modelcontextprotocol/protocolVersion";

    /** The {@code _meta} key holding a stateless-era request's client capabilities (required with the claim). */
    String CAPABILITIES_CLAIM = "io.modelcontextprotocol/clientCapabilities";

    /** JSON-RPC code for a header that disagrees with the body (2026-07-28 {@code HeaderMismatch}). */
    int HEADER_MISMATCH = -32020;

    /** A sessionful (2025 family) request: GET, DELETE, a posted answer, {@code initialize}, or no claim. */
    record Sessionful() implements EraOfRequest {
    }

    /** A stateless-era request claiming {@code version} (known or not) in its {@code _meta}. */
    record Stateless(String version) implements EraOfRequest {

        public Stateless {
            Objects.requireNonNull(version, "version");
        }

        /** The claimed revision, if Catwalk knows it. */
        public Optional<ProtocolVersion> known() {
            return ProtocolVersion.parse(version);
        }
    }

    /** A request whose headers and body disagree: answer HTTP {@code status} with JSON-RPC {@code code}. */
    record Contradictory(int status, int code, String message) implements EraOfRequest {

        public Contradictory {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Classifies one request. {@code body} is a parsed POST body (null for GET and DELETE); {@code
     * versionHeader} and {@code methodHeader} are {@code MCP-Protocol-Version} and {@code Mcp-Method}, if sent.
     */
    static EraOfRequest of(String httpMethod, JsonNode body, Optional<String> versionHeader,
                           Optional<String> methodHeader) {
        if (!"POST".equals(httpMethod) || body == null || !body.isObject() || !body.has("method")) {
            return new Sessionful(); // GET, DELETE, a batch, a posted answer
        }
        Optional<String> header = versionHeader.map(String::strip);
        boolean headerModern = header.flatMap(ProtocolVersion::parse).map(v -> v.era() == Era.STATELESS_2026)
                .orElse(false);
        JsonNode meta = body.path("params").path("_meta");
        JsonNode claim = meta.path(VERSION_CLAIM);
        if (!claim.isTextual()) {
            if (!headerModern) {
                return new Sessionful();
            }
            return "initialize".equals(body.path("method").asText())
                    ? mismatch("MCP-Protocol-Version names " + shown(header.get()) + " but initialize belongs to the "
                            + "2025 protocol; send a 2025 version (or none) with initialize.")
                    : new Contradictory(400, -32602, "Invalid params: MCP-Protocol-Version names " + shown(header.get())
                            + " but the request has no _meta[\"" + VERSION_CLAIM + "\"].");
        }
        if (!meta.path(CAPABILITIES_CLAIM).isObject()) {
            return new Contradictory(400, -32602, "Invalid params: _meta[\"" + CAPABILITIES_CLAIM
                    + "\"] is required with _meta[\"" + VERSION_CLAIM + "\"].");
        }
        if (header.isPresent() && !header.get().equals(claim.asText())) {
            return mismatch("MCP-Protocol-Version (" + shown(header.get()) + ") differs from the version in _meta ("
                    + shown(claim.asText()) + ").");
        }
        Optional<String> method = methodHeader.map(String::strip);
        if (method.isPresent() && !method.get().equals(body.path("method").asText())) {
            return mismatch("Mcp-Method (" + shown(method.get()) + ") differs from the request's method ("
                    + shown(body.path("method").asText()) + ").");
        }
        return new Stateless(claim.asText());
    }

    /** A client's header or method name as quoted in a message: at most 64 characters. */
    private static String shown(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }

    private static Contradictory mismatch(String why) {
        return new Contradictory(400, HEADER_MISMATCH, "Bad Request: header mismatch: " + why);
    }
}
