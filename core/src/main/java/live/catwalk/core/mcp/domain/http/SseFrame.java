package live.catwalk.core.mcp.domain.http;

import java.util.Objects;
import java.util.OptionalLong;

/** What a transport writes on an event stream next. */
public sealed interface SseFrame {

    /**
     * One event: {@code id} (may be null), {@code data} (a single-line JSON message, or empty for a
     * priming event) and an optional {@code retry} in milliseconds.
     */
    record Event(String id, String data, OptionalLong retryMillis) implements SseFrame {

        public Event {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(retryMillis, "retryMillis");
            if (data.indexOf('\n') >= 0 || data.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("SSE data must be a single line");
            }
        }
    }

    /** The stream is over: write nothing more and end the response. */
    record End() implements SseFrame {
    }

    SseFrame END = new End();
}
