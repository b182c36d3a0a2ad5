package live.catwalk.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import live.catwalk.core.mcp.port.out.StdioChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A real child's stderr: forged lines arrive escaped, and a flood reaches the operator's log rate-limited. */
class StderrIT {

    private final ProcessSupervisor supervisor = Children.supervisor().stderrRing(50, 1_000_000).build();
    private final RecordedEvents events = new RecordedEvents();

    @AfterEach
    void closeEverything() {
        supervisor.closeAll();
    }

    @Test
    void forgedLinesAndTerminalEscapesAreEscapedInTheLogAndTheRing() throws InterruptedException {
        try (LogCapture log = LogCapture.of("live.catwalk.runner.stderr")) {
            StdioChannel channel = supervisor.start(Children.bash(
                    "printf 'x\\r2026-12-04T00:00:00.000Z ERROR Main: forged by a server\\n' >&2;"
                            + " printf '\\033[2J\\033[31mred\\n' >&2; echo done; exec sleep 1000"), events);
            events.skipToLine("done");
            awaitRing(channel, l -> l.contains("red"));

            List<String> ring = channel.recentStderr(10);
            assertEquals(List.of("x\\r2026-12-04T00:00:00.000Z ERROR Main: forged by a server", "\\x1b[2J\\x1b[31mred"),
                    ring);
            assertTrue(log.lines().contains("INFO [bash#1] x\\r2026-12-04T00:00:00.000Z ERROR Main: forged by a server"),
                    log.lines()::toString);
            assertTrue(log.lines().stream().noneMatch(l -> l.indexOf('\r') >= 0 || l.indexOf('\u001b') >= 0));
        }
    }

    @Test
    void aFloodOfLongLinesIsCutAndRateLimitedBeforeTheLog() throws InterruptedException {
        try (LogCapture log = LogCapture.of("live.catwalk.runner.stderr")) {
            long started = System.nanoTime();
            StdioChannel channel = supervisor.start(Children.bash(
                    "for i in $(seq 1 5000); do printf \"flood $i %08000d\\n\" 0 >&2; done; echo done; exec sleep 1000"),
                    events);
            events.skipToLine("done");
            awaitRing(channel, l -> l.startsWith("flood 5000 "));
            double seconds = (System.nanoTime() - started) / 1e9;

            List<String> logged = log.lines();
            long lines = logged.stream().filter(l -> l.startsWith("INFO [bash#1] flood ")).count();
            assertTrue(lines <= 200 + 20 * (seconds + 1), lines + " lines logged in " + seconds + " s");
            assertTrue(logged.stream().anyMatch(l -> l.matches("WARNING \\[bash#1] \\d+ stderr lines suppressed.*")),
                    () -> logged.subList(Math.max(0, logged.size() - 3), logged.size()).toString());
            assertTrue(logged.stream().allMatch(l -> l.length() < 2_200), "every line is cut to 2 KiB");
            assertTrue(channel.recentStderr(1).getFirst().endsWith(" [cut, 8011 bytes]"), channel.recentStderr(1)::toString);
        }
    }

    private static void awaitRing(StdioChannel channel, java.util.function.Predicate<String> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + RecordedEvents.PATIENCE.toNanos();
        while (channel.recentStderr(50).stream().noneMatch(wanted)) {
            assertTrue(System.nanoTime() < deadline, () -> "stderr so far: " + channel.recentStderr(5));
            Thread.sleep(Duration.ofMillis(10));
        }
    }
}
