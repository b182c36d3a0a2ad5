package live.catwalk.core.mcp.engine.session;

import java.util.OptionalLong;

/**
 * One SSE event kept for delivery and resumption: its per-session sequence number, stream and data, and
 * its place in the order of all sessions' events (oldest first) for the shared byte budget.
 */
record LoggedEvent(long seq, int stream, String data, OptionalLong retryMillis, long order) {

    String id() {
        return stream + "-" + seq;
    }

    long bytes() {
        return bytes(data);
    }

    /** What a kept message counts against the budgets: its characters (2 bytes each) and some overhead. */
    static long bytes(String data) {
        return 2L * data.length() + 64L;
    }
}
