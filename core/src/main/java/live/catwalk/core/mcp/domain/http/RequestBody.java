package live.catwalk.core.mcp.domain.http;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * A request's body as the transport holds it, read only once the checks that need no body have passed: a
 * caller without a valid token never makes Catwalk read or buffer one.
 */
@FunctionalInterface
public interface RequestBody {

    /** No body at all (GET, DELETE). */
    RequestBody NONE = maxBytes -> Optional.of(new byte[0]);

    /**
     * The whole body, or empty when it is longer than {@code maxBytes} (then it may be read only in part).
     * Called at most once per request. Throws {@code IOException} when the client's connection failed while
     * sending it.
     */
    Optional<byte[]> read(long maxBytes) throws IOException;

    /** A body already in memory (an embedding application's, or a test's). */
    static RequestBody of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return maxBytes -> bytes.length > maxBytes ? Optional.empty() : Optional.of(bytes);
    }
}
