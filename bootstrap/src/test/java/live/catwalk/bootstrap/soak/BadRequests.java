package live.catwalk.bootstrap.soak;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

/**
 * The soak's bad requests, each with the one status the README documents for it (always a 4xx) and the labels
 * {@code /metrics} counts it under; and a client that hangs up halfway through its body. Anything but the documented
 * status is a problem.
 */
final class BadRequests {

    /** A kind of bad request: the answer it must get and the method label and era it is counted as. */
    enum Kind {
        MALFORMED_JSON(400, "unread", "unknown"),
        NOT_JSON_RPC(400, "unread", "unknown"),
        WRONG_CONTENT_TYPE(415, "unread", "unknown"),
        NOT_ACCEPTABLE(406, "unread", "unknown"),
        OVERSIZED_CHUNKED(413, "unread", "unknown"),
        /** Declares more than the limit and sends only a start: answered at once, before the rest. */
        OVERSIZED_DECLARED(413, "unread", "unknown"),
        WRONG_TOKEN(401, "unread", "unknown"),
        WRONG_HTTP_METHOD(405, "unread", "unknown"),
        NO_SESSION(400, "tools/call", "2025"),
        UNKNOWN_SESSION(404, "tools/call", "2025"),
        UNKNOWN_SESSION_STREAM(404, "stream", "2025"),
        BATCH_WITHOUT_SESSION(400, "batch", "2025"),
        HEADER_MISMATCH(400, "tools/call", "unknown"),
        CLAIM_WITHOUT_CAPABILITIES(400, "tools/call", "unknown"),
        MISSING_MCP_NAME(400, "tools/call", "2026"),
        HANG_UP_MID_BODY(-1, "unread", "unknown");

        final int status;
        final String method;
        final String era;

        Kind(int status, String method, String era) {
            this.status = status;
            this.method = method;
            this.era = era;
        }
    }

    private static final String ECHO_PARAMS = "{\"name\":\"echo\",\"arguments\":{\"message\":\"bad\"}}";
    private static final String CALL = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":"
            + ECHO_PARAMS + "}";
    private static final String MODERN_CALL = "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"echo\",\"arguments\":{\"message\":\"bad\"},"
            + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":"
            + "\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}";

    private final Exchanges exchanges;
    private final Random random;
    private final int maxBodyBytes;

    BadRequests(Exchanges exchanges, Random random, int maxBodyBytes) {
        this.exchanges = exchanges;
        this.random = random;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Sends one bad request of a kind picked at random; a status other than the documented one is a problem. */
    void any(SoakClient.Target t) {
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        Tally tally = exchangesTally();
        tally.event("bad requests sent");
        Exchanges.Seen seen = switch (kind) {
            case MALFORMED_JSON -> post(t, kind, Map.of(), "{\"jsonrpc\":\"2.0\",\"id\":");
            case NOT_JSON_RPC -> post(t, kind, Map.of(), "{\"hello\":\"world\"}");
            case WRONG_CONTENT_TYPE -> post(t, kind, Map.of("Content-Type", "text/plain"), CALL);
            case NOT_ACCEPTABLE -> post(t, kind, Map.of("Accept", "application/json"), CALL);
            case OVERSIZED_CHUNKED -> {
                byte[] body = new byte[maxBodyBytes + 1 + random.nextInt(4096)];
                Arrays.fill(body, (byte) ' ');
                yield exchanges.call(t, kind.method, kind.era, false, "POST", Map.of(), body, RawHttp.CHUNKED,
                        Exchanges.Read.ANSWER);
            }
            case OVERSIZED_DECLARED -> {
                // Declares more than the limit and sends only a start: the answer must not wait for the rest.
                byte[] start = new byte[1024];
                Arrays.fill(start, (byte) ' ');
                yield exchanges.call(t, kind.method, kind.era, false, "POST", Map.of(), start,
                        maxBodyBytes + 1 + random.nextInt(1 << 20), Exchanges.Read.ANSWER);
            }
            case WRONG_TOKEN -> post(t, kind, Map.of("Authorization", "Bearer cwd_" + hex(24)), CALL);
            case WRONG_HTTP_METHOD -> exchanges.call(t, kind.method, kind.era, false, "PUT", Map.of(), "",
                    Exchanges.Read.ANSWER);
            case NO_SESSION -> post(t, kind, Map.of(), CALL);
            case UNKNOWN_SESSION -> post(t, kind, Map.of("Mcp-Session-Id", hex(16), "MCP-Protocol-Version",
                    SoakClient.V2025), CALL);
            case UNKNOWN_SESSION_STREAM -> exchanges.call(t, kind.method, kind.era, false, "GET",
                    Map.of("Mcp-Session-Id", hex(16), "MCP-Protocol-Version", SoakClient.V2025), null,
                    Exchanges.Read.ANSWER);
            case BATCH_WITHOUT_SESSION -> post(t, kind, Map.of(), "[" + CALL + "]");
            case HEADER_MISMATCH -> post(t, kind, Exchanges.modern("tools/list", null), MODERN_CALL);
            case CLAIM_WITHOUT_CAPABILITIES -> post(t, kind, Exchanges.modern("tools/call", "echo"),
                    MODERN_CALL.replace(",\"io.modelcontextprotocol/clientCapabilities\":{}", ""));
            case MISSING_MCP_NAME -> post(t, kind, Exchanges.modern("tools/call", null), MODERN_CALL);
            case HANG_UP_MID_BODY -> {
                byte[] body = SoakClient.utf8(CALL);
                exchanges.hangUp(t, kind.method, kind.era, Map.of(), Arrays.copyOf(body, body.length / 2),
                        body.length, 0);
                yield null;
            }
        };
        if (seen == null || seen.status() < 0) {
            return;
        }
        if (seen.status() != kind.status) {
            tally.problem(kind + " answered " + seen.status() + " instead of " + kind.status + ": " + seen.message());
        } else if (seen.message() == null || !seen.message().path("error").has("code")) {
            tally.problem(kind + " answered " + seen.status() + " without a JSON-RPC error: " + seen.message());
        }
    }

    private Exchanges.Seen post(SoakClient.Target t, Kind kind, Map<String, String> fields, String body) {
        return exchanges.call(t, kind.method, kind.era, false, "POST", new HashMap<>(fields), body);
    }

    private Tally exchangesTally() {
        return exchanges.tally();
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
