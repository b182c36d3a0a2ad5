package live.catwalk.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.mcp.domain.StdioEvent;
import live.catwalk.core.mcp.domain.StdioEvent.Exited;
import live.catwalk.core.mcp.domain.StdioEvent.Line;
import live.catwalk.core.mcp.domain.StdioEvent.Started;
import live.catwalk.core.mcp.port.out.StdioChannel;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.CatwalkException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StopIT {

    private final ProcessSupervisor supervisor = Children.supervisor().build();
    private final RecordedEvents events = new RecordedEvents();

    @AfterEach
    void closeEverything() {
        supervisor.closeAll();
    }

    @Test
    void closeEndsAServerThatLeavesOnStdinEofWithItsOwnExitCode() throws InterruptedException {
        StdioChannel channel = supervisor.start(Children.bash(Children.ECHO + "; exit 7"), events);
        events.expect(new Started(1));

        channel.close();

        events.expect(new Exited(1, OptionalInt.of(7), Optional.empty()));
        assertFalse(channel.isRunning());
    }

    @Test
    void closeKillsTheWholeProcessTree() throws InterruptedException {
        StdioChannel channel = supervisor.start(
                Children.bash("sleep 1000 & echo $!; sleep 1000 & echo $!; echo $$; wait"), events);
        events.expect(new Started(1));
        List<Long> pids = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                pids.add(Long.parseLong(events.next(Line.class).text()));
            }
            assertTrue(pids.stream().allMatch(Children::isRunning), "the tree runs before close");

            channel.close();

            for (long pid : pids) {
                assertFalse(Children.isRunning(pid), "process " + pid + " survived close()");
            }
            assertTrue(events.next() instanceof Exited exited && exited.restartIn().isEmpty(), () -> events.recent().toString());
        } finally {
            Children.killIfRunning(pids);
        }
    }

    @Test
    void closeKillsAChildThatIgnoresSigterm() throws InterruptedException {
        StdioChannel channel = supervisor.start(
                Children.bash("trap '' TERM; echo $$; while :; do sleep 0.05; done"), events);
        events.expect(new Started(1));
        long pid = Long.parseLong(events.next(Line.class).text());
        try {
            channel.close();

            assertFalse(Children.isRunning(pid));
            events.expect(new Exited(1, OptionalInt.of(137), Optional.empty())); // 128 + SIGKILL
        } finally {
            Children.killIfRunning(List.of(pid));
        }
    }

    @Test
    void closeIsIdempotentAndNothingIsDeliveredAfterIt() throws InterruptedException {
        StdioChannel channel = supervisor.start(Children.bash("while :; do echo tick; sleep 0.01; done"), events);
        events.skipToLine("tick");

        channel.close();
        int delivered = events.all().size();
        channel.close();
        Thread.sleep(100);

        assertEquals(delivered, events.all().size(), "events after close() returned");
        assertTrue(events.all().getLast() instanceof Exited, () -> events.recent().toString());
        CatwalkException e = assertThrows(CatwalkException.class, () -> channel.send("{}"));
        assertEquals(Kind.UPSTREAM_UNAVAILABLE, e.kind());
    }

    @Test
    void closeFromInsideTheEventConsumerEndsWithTheFinalExit() throws InterruptedException {
        // The first line may come before start() has returned the channel: the consumer waits for it.
        CompletableFuture<StdioChannel> self = new CompletableFuture<>();
        RecordedEvents seen = new RecordedEvents();
        Consumer<StdioEvent> closingOnFirstLine = event -> {
            seen.accept(event);
            if (event instanceof Line) {
                self.join().close();
            }
        };
        self.complete(supervisor.start(Children.bash("while :; do echo tick; sleep 0.01; done"), closingOnFirstLine));

        seen.expect(new Started(1));
        seen.expect(new Line(1, "tick"));
        assertEquals(1, seen.skipTo(Exited.class).generation());
        assertFalse(self.join().isRunning());
    }

    @Test
    void closeLeavesNoPipeThreadBehind(@TempDir Path dir) throws IOException, InterruptedException {
        Path program = Files.copy(Path.of("/bin/bash"), dir.resolve("leakcheck")); // a name no other test uses
        StdioChannel channel = supervisor.start(
                new ServerCommand(List.of(program.toString(), "-c", Children.ECHO), Map.of()), events);
        events.expect(new Started(1));
        assertFalse(threadsNamed("leakcheck").isEmpty(), "the pipe threads carry the program's name");

        channel.close();

        assertEquals(List.of(), threadsNamed("leakcheck"));
    }

    @Test
    void closeAllStopsEveryChannelAndRefusesNewOnes() throws InterruptedException {
        StdioChannel first = supervisor.start(Children.bash(Children.ECHO), events);
        StdioChannel second = supervisor.start(Children.bash("exec sleep 1000"), new RecordedEvents());
        events.expect(new Started(1));

        supervisor.closeAll();

        assertFalse(first.isRunning());
        assertFalse(second.isRunning());
        CatwalkException e = assertThrows(CatwalkException.class,
                () -> supervisor.start(Children.bash(Children.ECHO), new RecordedEvents()));
        assertEquals(Kind.UPSTREAM_UNAVAILABLE, e.kind());
    }

    private static List<String> threadsNamed(String part) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.contains(part))
                .toList();
    }
}
