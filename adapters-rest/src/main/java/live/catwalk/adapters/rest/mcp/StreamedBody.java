package live.catwalk.adapters.rest.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import live.catwalk.core.mcp.domain.http.RequestBody;
import org.glassfish.grizzly.http.server.Request;

/** The request's body, read from Grizzly's stream only when core asks for it. */
final class StreamedBody implements RequestBody {

    /** The most of a too large chunked body read beyond the limit to reach its end. */
    private static final long DRAINED = 64 * 1024;

    private final Request request;
    private boolean consumed;

    StreamedBody(Request request) {
        this.request = request;
    }

    /** Whether the body was read to its end. */
    boolean consumed() {
        return consumed;
    }

    /**
     * Reads and drops what is left of a chunked body found too large, up to {@link #DRAINED} bytes; true if it
     * ended there. Left unread, the client's last bytes would make the server's close a reset, which can cost
     * the client the 413 it was sent.
     */
    private static boolean drained(InputStream in) throws IOException {
        byte[] scratch = new byte[8192];
        long left = DRAINED;
        while (left > 0) {
            int n = in.read(scratch, 0, (int) Math.min(scratch.length, left));
            if (n < 0) {
                return true;
            }
            left -= n;
        }
        return in.read() < 0;
    }

    /** The body, read to its declared length when there is one (the usual case), else up to the limit. */
    @Override
    public Optional<byte[]> read(long maxBytes) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            return Optional.empty();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = declared >= 0 ? in.readNBytes((int) declared)
                    : in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) {
                consumed = drained(in); // a little over: read to its end, so closing sends no reset
                return Optional.empty();
            }
            consumed = true;
            return Optional.of(body);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("max post size")) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
