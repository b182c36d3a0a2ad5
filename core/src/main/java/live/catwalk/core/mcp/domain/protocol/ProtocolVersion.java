package live.catwalk.core.mcp.domain.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * The MCP protocol revisions Catwalk serves, oldest first. A version decides the transport rules that
 * changed between revisions: batches (2025-03-26 only) and stream priming (2025-11-25 on).
 */
public enum ProtocolVersion {
    V2024_11_05("2024-11-05"),
    V2025_03_26("2025-03-26"),
    V2025_06_18("2025-06-18"),
    V2025_11_25("2025-11-25");

    /** What a request without an {@code MCP-Protocol-Version} header is assumed to speak. */
    public static final ProtocolVersion WHEN_ABSENT = V2025_03_26;
    public static final ProtocolVersion LATEST = V2025_11_25;

    private final String wire;

    ProtocolVersion(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<ProtocolVersion> parse(String wire) {
        return Arrays.stream(values()).filter(v -> v.wire.equals(wire)).findFirst();
    }

    /** Whether a POST body may be a JSON-RPC batch (an array) in a session of this version. */
    public boolean allowsBatches() {
        return this == V2025_03_26;
    }

    /** Whether SSE streams start with a priming event and carry a {@code retry} field (SEP-1699). */
    public boolean primesStreams() {
        return compareTo(V2025_11_25) >= 0;
    }

    /** The answer to a client asking for {@code requested}: the same when served, otherwise the latest. */
    public static ProtocolVersion negotiate(String requested) {
        return parse(requested).orElse(LATEST);
    }

    @Override
    public String toString() {
        return wire;
    }
}
