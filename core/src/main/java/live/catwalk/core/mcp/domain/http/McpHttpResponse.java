package live.catwalk.core.mcp.domain.http;

import java.util.Map;
import java.util.Objects;

/**
 * The answer to an {@link McpHttpRequest}: a JSON body, a body-less status (202, 204, 405 …), or a
 * stream of server-sent events the transport writes frame by frame as they arrive.
 */
public sealed interface McpHttpResponse {

    int status();

    /** Response headers besides Content-Type and Content-Length, which the transport sets. */
    Map<String, String> headers();

    /** {@code application/json} with this body. */
    record Json(int status, Map<String, String> headers, byte[] body) implements McpHttpResponse {

        public Json {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }
    }

    /** No body at all. */
    record Empty(int status, Map<String, String> headers) implements McpHttpResponse {

        public Empty {
            headers = Map.copyOf(headers);
        }
    }

    /** 200 {@code text/event-stream}; the transport polls {@code source} until it ends, then closes it. */
    record Stream(Map<String, String> headers, SseSource source) implements McpHttpResponse {

        public Stream {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(source, "source");
        }

        @Override
        public int status() {
            return 200;
        }
    }
}
