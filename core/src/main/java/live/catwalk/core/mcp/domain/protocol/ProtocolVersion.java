package live.catwalk.core.mcp.domain.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The MCP protocol revisions Catwalk knows, oldest first, each with its {@link Era}. Three things are kept
 * apart: the versions {@link #OFFERED} to clients (those of a served era), the one a client without a
 * version header is assumed to speak ({@link #WHEN_ABSENT}), and the one Catwalk speaks to the stdio
 * servers it runs ({@link #TO_CHILDREN}), which stays a 2025 revision whatever clients speak. A version
 * also decides the transport rules that changed between revisions: batches (2025-03-26 only) and stream
 * priming (2025-11-25 on).
 */
public enum ProtocolVersion {
    V2024_11_05("2024-11-05", Era.SESSIONFUL_2025),
    V2025_03_26("2025-03-26", Era.SESSIONFUL_2025),
    V2025_06_18("2025-06-18", Era.SESSIONFUL_2025),
    V2025_11_25("2025-11-25", Era.SESSIONFUL_2025),
    V2026_07_28("2026-07-28", Era.STATELESS_2026);

    /** What Catwalk offers at {@code initialize}, oldest first: every version of the sessionful era. */
    public static final List<ProtocolVersion> OFFERED =
            Arrays.stream(values()).filter(v -> v.era == Era.SESSIONFUL_2025).toList();

    /** The stateless revisions Catwalk serves to requests that claim one, oldest first. */
    public static final List<ProtocolVersion> STATELESS =
            Arrays.stream(values()).filter(v -> v.era == Era.STATELESS_2026).toList();

    /** The newest offered version: the answer to an {@code initialize} asking for one Catwalk does not offer. */
    public static final ProtocolVersion NEWEST_OFFERED = OFFERED.getLast();

    private static final List<ProtocolVersion> ALL = List.of(values());

    /** What a request without an {@code MCP-Protocol-Version} header is assumed to speak. */
    public static final ProtocolVersion WHEN_ABSENT = V2025_03_26;

    /** What Catwalk asks of the stdio servers it runs at {@code initialize}: children speak the 2025 family. */
    public static final ProtocolVersion TO_CHILDREN = V2025_11_25;

    private final String wire;
    private final Era era;

    ProtocolVersion(String wire, Era era) {
        this.wire = wire;
        this.era = era;
    }

    public String wire() {
        return wire;
    }

    public Era era() {
        return era;
    }

    /** Whether Catwalk offers this version at {@code initialize} (a sessionful one). */
    public boolean offered() {
        return era == Era.SESSIONFUL_2025;
    }

    /** Any revision Catwalk knows by its wire name, offered or not. */
    public static Optional<ProtocolVersion> parse(String wire) {
        for (ProtocolVersion v : ALL) { // a loop, not a stream: this runs on every request
            if (v.wire.equals(wire)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** The revision named, if Catwalk offers it to clients. */
    public static Optional<ProtocolVersion> offered(String wire) {
        return parse(wire).filter(ProtocolVersion::offered);
    }

    /** The offered versions, as declared, comma-separated: for error messages. */
    public static String offeredList() {
        return String.join(", ", OFFERED.stream().map(ProtocolVersion::wire).toList());
    }

    /** Whether a POST body may be a JSON-RPC batch (an array) in a session of this version. */
    public boolean allowsBatches() {
        return this == V2025_03_26;
    }

    /** Whether SSE streams start with a priming event and carry a {@code retry} field (SEP-1699). */
    public boolean primesStreams() {
        return compareTo(V2025_11_25) >= 0;
    }

    /** The answer to an {@code initialize} asking for {@code requested}: the same when offered, else the newest offered. */
    public static ProtocolVersion negotiate(String requested) {
        return offered(requested).orElse(NEWEST_OFFERED);
    }

    @Override
    public String toString() {
        return wire;
    }
}
