package live.catwalk.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    /** Records what the reader delivers: "line:text" or "overlong:prefix:bytes". */
    private static final class Recording implements LineReader.Sink {

        final List<String> seen = new ArrayList<>();

        @Override
        public void line(String text) {
            seen.add("line:" + text);
        }

        @Override
        public void overlong(String prefix, long bytes) {
            seen.add("overlong:" + prefix + ":" + bytes);
        }
    }

    @Test
    void splitsOnNewlineAndDropsOneTrailingCarriageReturn() throws Exception {
        assertEquals(List.of("line:a", "line:b", "line:", "line:c\r", "line:d"), read(8, false, "a\nb\r\n\nc\r\r\nd"));
    }

    @Test
    void deliversALineOfExactlyTheLimitAndReportsALongerOneByItsLength() throws Exception {
        assertEquals(List.of("line:12345678", "overlong::9", "line:ok"), read(8, false, "12345678\n123456789\nok\n"));
    }

    @Test
    void keepsTheStartOfAnOverlongLineWhenAsked() throws Exception {
        assertEquals(List.of("overlong:12345678:12", "line:next"), read(8, true, "123456789abc\nnext\n"));
    }

    @Test
    void decodesUtf8SplitAcrossReads() throws Exception {
        byte[] bytes = "héllo ✓ 😀\n".getBytes(StandardCharsets.UTF_8);
        InputStream oneByteAtATime = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(1, len));
            }
        };
        Recording sink = new Recording();

        new LineReader(64, false).readAll(oneByteAtATime, sink);

        assertEquals(List.of("line:héllo ✓ 😀"), sink.seen);
    }

    @Test
    void handlesLinesFarLongerThanOneReadChunk() throws Exception {
        String big = "y".repeat(100_000);

        assertEquals(List.of("line:" + big, "overlong::100001", "line:z"),
                read(100_000, false, big + "\n" + big + "y\nz\n"));
    }

    private static List<String> read(int max, boolean keepPrefix, String input) throws IOException,
            InterruptedException {
        Recording sink = new Recording();
        new LineReader(max, keepPrefix).readAll(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), sink);
        return sink.seen;
    }
}
