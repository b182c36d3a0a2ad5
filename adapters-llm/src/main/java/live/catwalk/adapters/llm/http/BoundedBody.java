package live.catwalk.adapters.llm.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** Collects a response body in memory and gives up, cancelling the download, past {@code max} bytes. */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The body was (or declared itself) larger than the bound. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long max) {
            super("more than " + max + " bytes");
        }
    }

    private final long max;
    private final long declaredLength;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private final boolean keepPrefix;
    private volatile boolean overflowed;
    private volatile boolean cut;

    /** {@code declaredLength} is the Content-Length, or -1 when unknown. */
    BoundedBody(long max, long declaredLength) {
        this(max, declaredLength, false);
    }

    /** With {@code keepPrefix}, a larger body is cut to its first {@code max} bytes instead of abandoned. */
    BoundedBody(long max, long declaredLength, boolean keepPrefix) {
        this.max = max;
        this.declaredLength = declaredLength;
        this.keepPrefix = keepPrefix;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (declaredLength > max && !keepPrefix) {
            fail();
            return;
        }
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            if (body.isDone()) {
                return;
            }
            if (out.size() + (long) buffer.remaining() > max) {
                if (keepPrefix) {
                    byte[] rest = new byte[(int) (max - out.size())];
                    buffer.get(rest);
                    out.write(rest, 0, rest.length);
                    cut = true;
                    body.complete(out.toByteArray());
                    subscription.cancel();
                } else {
                    fail();
                }
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            out.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable error) {
        body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        body.complete(out.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    /** Whether the body kept was cut to its first {@code max} bytes. */
    boolean cut() {
        return cut;
    }

    /** The first {@code max} bytes of a body that was {@link #cut()}. */
    byte[] prefix() {
        if (!cut) {
            throw new IllegalStateException("the body was not cut");
        }
        return body.join();
    }

    /** Whether the body was abandoned for its size; the client may report that as its own "stream cancelled". */
    boolean overflowed() {
        return overflowed;
    }

    private void fail() {
        overflowed = true;
        body.completeExceptionally(new TooLarge(max));
        subscription.cancel();
    }
}
