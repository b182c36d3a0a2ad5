package live.catwalk.core.mcp.domain.session;

import java.util.OptionalLong;

/** One SSE event kept for delivery and resumption: its per-session sequence number, stream and data. */
record LoggedEvent(long seq, int stream, String data, OptionalLong retryMillis) {

    String id() {
        return stream + "-" + seq;
    }

    long bytes() {
        return data.length() + 32L;
    }
}
