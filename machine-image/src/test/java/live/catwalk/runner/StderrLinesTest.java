package live.catwalk.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StderrLinesTest {

    private final StderrRing ring = new StderrRing(1000, 1_000_000);
    private final StderrLines lines = new StderrLines("[srv#1]", Redactor.of(List.of("sk-secret-value")), ring,
            new StderrThrottle(20, 200, () -> 0L));

    @Test
    void aForgedLineReachesTheLogAndTheRingEscapedAndRedacted() {
        try (LogCapture log = LogCapture.of("live.catwalk.runner.stderr")) {
            lines.line("x\r2026-12-04T00:00:00.000Z ERROR Main: forged \u001b[2J key=sk-secret-value");

            String expected = "x\\r2026-12-04T00:00:00.000Z ERROR Main: forged \\x1b[2J key=***";
            assertEquals(List.of(expected), ring.last(10));
            assertEquals(List.of("INFO [srv#1] " + expected), log.lines());
        }
    }

    @Test
    void aFloodReachesTheLogOnlyUpToTheBurstWithOneSuppressionLineButTheRingKeepsTheNewest() {
        try (LogCapture log = LogCapture.of("live.catwalk.runner.stderr")) {
            for (int i = 0; i < 5_000; i++) {
                lines.line("line " + i + " " + "y".repeat(100));
            }

            List<String> logged = log.lines();
            assertEquals(201, logged.size(), () -> logged.size() + " records");
            assertEquals(200, logged.stream().filter(l -> l.startsWith("INFO [srv#1] line ")).count());
            assertTrue(logged.contains("WARNING [srv#1] 1 stderr lines suppressed (over 20 lines a second);"
                    + " GET /logs of the deployment keeps the latest"), logged.get(200));
            assertTrue(ring.last(1).getFirst().startsWith("line 4999 "), ring.last(1)::toString);
        }
    }

    @Test
    void anOverlongLineIsCutToTwoKibibytesWithItsLength() {
        lines.overlong("z".repeat(StderrLines.MAX_LINE_BYTES), 9_000);

        String kept = ring.last(1).getFirst();
        assertEquals("z".repeat(2048) + " [cut, 9000 bytes]", kept);
    }
}
