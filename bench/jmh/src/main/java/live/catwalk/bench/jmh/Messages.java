package live.catwalk.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The messages the benchmarks use: a client's tools/call of both protocol eras and a server's answer to one. */
public final class Messages {

    /** The tool's arguments, as bench/load/McpLoad sends them (with a longer text). */
    static final String ARGUMENTS = "{\"text\":\"hello from the benchmark\"}";

    /** A 2025 tools/call as a client posts it, with a progress token (so that forwarding rewrites one). */
    public static final String CALL_2025 = "{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"tools/call\",\"params\":{"
            + "\"name\":\"echo\",\"arguments\":" + ARGUMENTS + ",\"_meta\":{\"progressToken\":\"tok-42\"}}}";

    /** The same call in MCP 2026-07-28: its protocol version and client capabilities claimed in {@code _meta}. */
    public static final String CALL_2026 = "{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"tools/call\",\"params\":{"
            + "\"name\":\"echo\",\"arguments\":" + ARGUMENTS + ",\"_meta\":{"
            + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";

    private Messages() {
    }

    /** UTF-8 bytes of {@code text}. */
    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A server's answer to a tools/call with child id {@code id}: one text content of {@code textChars} characters. */
    public static String answer(long id, int textChars) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\""
                + "x".repeat(textChars) + "\"}]}}";
    }

    /** The headers a 2025 client sends with a POST inside its session {@code sessionId}. */
    public static Map<String, String> headers2025(String sessionId) {
        Map<String, String> h = baseHeaders();
        h.put("Mcp-Session-Id", sessionId);
        h.put("MCP-Protocol-Version", "2025-11-25");
        return h;
    }

    /** The headers a 2026-07-28 client sends with a tools/call of the tool {@code echo}. */
    public static Map<String, String> headers2026() {
        Map<String, String> h = baseHeaders();
        h.put("MCP-Protocol-Version", "2026-07-28");
        h.put("Mcp-Method", "tools/call");
        h.put("Mcp-Name", "echo");
        return h;
    }

    /** What every POST carries: Host, Accept and Content-Type (the bearer token travels beside the headers). */
    public static Map<String, String> baseHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "127.0.0.1:8080");
        h.put("Accept", "application/json, text/event-stream");
        h.put("Content-Type", "application/json");
        return h;
    }
}
