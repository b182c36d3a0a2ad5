package live.catwalk.adapters.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bounds what Jersey reads of a request body, chunked ones included: past {@code maxBodyBytes} the read throws
 * {@link TooLarge}, which {@link ProblemMapper} answers 413. (A declared length over the bound is refused at the edge.)
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
final class BoundedBodies implements ContainerRequestFilter {

    private final long maxBodyBytes;

    BoundedBodies(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setEntityStream(new Bounded(request.getEntityStream(), maxBodyBytes));
    }

    /** The body went past the bound. */
    static final class TooLarge extends IOException {
        TooLarge(long maxBodyBytes) {
            super("The request body is larger than " + maxBodyBytes + " bytes.");
        }
    }

    private static final class Bounded extends FilterInputStream {

        private final long max;
        private long read;

        Bounded(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void counted(long n) throws TooLarge {
            read += n;
            if (read > max) {
                throw new TooLarge(max);
            }
        }
    }
}
