package live.catwalk.runner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into UTF-8 lines on {@code '\n'}, dropping one trailing {@code '\r'}, with a
 * bound on what is buffered: a line longer than {@code maxLineBytes} is never held whole, the sink gets
 * its length (and, if asked for, its first {@code maxLineBytes} bytes) instead. A last line without a
 * terminator is delivered at end of stream.
 */
final class LineReader {

    /** Where lines go; called on the reading thread. */
    interface Sink {

        void line(String text) throws InterruptedException;

        /** A line of {@code bytes} bytes over the bound; {@code prefix} is empty unless prefixes are kept. */
        void overlong(String prefix, long bytes) throws InterruptedException;
    }

    private static final int CHUNK = 16 * 1024;

    private final int maxLineBytes;
    private final boolean keepPrefix;
    private byte[] line = new byte[256];
    private int kept;
    private long length;

    LineReader(int maxLineBytes, boolean keepPrefix) {
        this.maxLineBytes = maxLineBytes;
        this.keepPrefix = keepPrefix;
    }

    /** Reads until end of stream. */
    void readAll(InputStream in, Sink sink) throws IOException, InterruptedException {
        byte[] chunk = new byte[CHUNK];
        int n;
        while ((n = in.read(chunk)) != -1) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (chunk[i] == '\n') {
                    append(chunk, start, i - start);
                    emit(sink);
                    start = i + 1;
                }
            }
            append(chunk, start, n - start);
        }
        if (length > 0) {
            emit(sink);
        }
    }

    private void append(byte[] bytes, int offset, int count) {
        length += count;
        int room = Math.min(count, maxLineBytes - kept);
        if (room <= 0) {
            return;
        }
        if (kept + room > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, kept + room)));
        }
        System.arraycopy(bytes, offset, line, kept, room);
        kept += room;
    }

    private void emit(Sink sink) throws InterruptedException {
        try {
            if (length > maxLineBytes) {
                sink.overlong(keepPrefix ? new String(line, 0, kept, StandardCharsets.UTF_8) : "", length);
            } else {
                int end = kept > 0 && line[kept - 1] == '\r' ? kept - 1 : kept;
                sink.line(new String(line, 0, end, StandardCharsets.UTF_8));
            }
        } finally {
            kept = 0;
            length = 0;
            if (line.length > 64 * 1024) {
                line = new byte[256]; // one huge line should not pin megabytes for the channel's life
            }
        }
    }
}
