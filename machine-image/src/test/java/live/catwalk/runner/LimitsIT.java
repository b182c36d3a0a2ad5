package live.catwalk.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.mcp.domain.StdioEvent.Started;
import live.catwalk.core.mcp.port.out.StdioChannel;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.CatwalkException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LimitsIT {

    private static final String SECRET = "sk-live-0123456789abcdef";

    private final ProcessSupervisor supervisor = Children.supervisor()
            .sendQueue(4, 1024 * 1024)
            .stderrRing(5, 10_000)
            .build();
    private final RecordedEvents events = new RecordedEvents();

    @AfterEach
    void closeEverything() {
        supervisor.closeAll();
    }

    @Test
    void sendThrowsLimitExceededWhenTheChildNeverReadsInsteadOfBlocking() throws InterruptedException {
        StdioChannel channel = supervisor.start(Children.bash("exec sleep 1000"), events);
        events.expect(new Started(1));
        String line = "x".repeat(16 * 1024);

        // The pipe takes 64 KiB, the queue 4 lines more; a thousand sends are far beyond both.
        CatwalkException e = assertThrows(CatwalkException.class,
                () -> IntStream.range(0, 1000).forEach(i -> channel.send(line)));

        assertEquals(Kind.LIMIT_EXCEEDED, e.kind());
        channel.close();
        assertFalse(channel.isRunning());
    }

    @Test
    void keepsABoundedRedactedRingOfStderrAndLogsItRedacted() throws InterruptedException {
        try (LogCapture log = LogCapture.of("live.catwalk.runner.stderr")) {
            StdioChannel channel = supervisor.start(Children.bash(
                    "for i in $(seq 1 20); do echo \"line $i key=$API_KEY flag=$FLAG\" >&2; done; echo done;"
                            + " exec sleep 1000",
                    Map.of("API_KEY", SECRET, "FLAG", "on")), events);
            events.skipToLine("done");
            awaitStderr(channel, "line 20 ");

            List<String> ring = channel.recentStderr(100);

            assertEquals(IntStream.rangeClosed(16, 20).mapToObj(i -> "line " + i + " key=*** flag=on").toList(), ring);
            assertEquals(List.of("line 19 key=*** flag=on", "line 20 key=*** flag=on"), channel.recentStderr(2));
            assertTrue(log.lines().contains("INFO [bash#1] line 1 key=*** flag=on"), log.lines()::toString);
            assertTrue(log.lines().stream().noneMatch(l -> l.contains(SECRET)), log.lines()::toString);
        }
    }

    @Test
    void startThrowsUpstreamUnavailableNamingAMissingProgram() {
        var command = new ServerCommand(List.of("/nonexistent/catwalk-missing-server", "--stdio"),
                Map.of("API_KEY", SECRET));

        CatwalkException e = assertThrows(CatwalkException.class, () -> supervisor.start(command, events));

        assertEquals(Kind.UPSTREAM_UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("/nonexistent/catwalk-missing-server"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertEquals(List.of(), events.all());
    }

    @Test
    void startThrowsUpstreamUnavailableForAProgramThatIsNotExecutable(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("not-executable.sh"), "#!/bin/sh\necho hi\n");

        CatwalkException e = assertThrows(CatwalkException.class,
                () -> supervisor.start(new ServerCommand(List.of(script.toString()), Map.of()), events));

        assertEquals(Kind.UPSTREAM_UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("not-executable.sh"), e.getMessage());
    }

    private static void awaitStderr(StdioChannel channel, String start) throws InterruptedException {
        long deadline = System.nanoTime() + RecordedEvents.PATIENCE.toNanos();
        while (channel.recentStderr(1).stream().noneMatch(l -> l.startsWith(start))) {
            assertTrue(System.nanoTime() < deadline, () -> "stderr so far: " + channel.recentStderr(100));
            Thread.sleep(Duration.ofMillis(10));
        }
    }
}
