package live.catwalk.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import live.catwalk.core.mcp.domain.StdioEvent;
import live.catwalk.core.mcp.domain.StdioEvent.Exited;
import live.catwalk.core.mcp.domain.StdioEvent.GaveUp;
import live.catwalk.core.mcp.domain.StdioEvent.Line;
import live.catwalk.core.mcp.domain.StdioEvent.Started;
import live.catwalk.core.mcp.port.out.StdioChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StdioRoundTripIT {

    private final ProcessSupervisor supervisor = Children.supervisor().maxLineBytes(1024).build();
    private final RecordedEvents events = new RecordedEvents();

    @AfterEach
    void closeEverything() {
        supervisor.closeAll();
    }

    @Test
    void echoesEverySentLineBackInOrder() throws InterruptedException {
        StdioChannel channel = supervisor.start(Children.bash(Children.ECHO), events);
        events.expect(new Started(1));
        assertTrue(channel.isRunning());

        for (int i = 0; i < 200; i++) {
            channel.send("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"ping\",\"note\":\"héllo ✓\"}");
        }
        for (int i = 0; i < 200; i++) {
            events.expect(new Line(1, "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"ping\",\"note\":\"héllo ✓\"}"));
        }
    }

    @Test
    void deliversStartedLinesExitedAndGaveUpInOrderOneAtATime() throws InterruptedException {
        ProcessSupervisor once = Children.supervisor().crashLoop(1, Duration.ofMinutes(1)).build();
        try {
            once.start(Children.bash("printf 'one\\r\\n\\n   \\ntwo\\n'; exit 4"), events);

            events.expect(new Started(1));
            events.expect(new Line(1, "one"));
            events.expect(new Line(1, "two"));
            events.expect(new Exited(1, OptionalInt.of(4), Optional.empty()));
            assertTrue(events.next() instanceof GaveUp, () -> events.recent().toString());
            // lines come on the stdout reader thread, lifecycle events on the dispatcher's: never two at once
            assertEquals(1, events.mostDeliveriesAtOnce(), "one delivery at a time per channel");
        } finally {
            once.closeAll();
        }
    }

    @Test
    void deliversEveryLineWrittenBeforeTheExitBeforeTheExit() throws InterruptedException {
        // Printed in one go just before the exit: the pipe still holds most of it when the process is gone.
        supervisor.start(Children.bash("s=$(seq 1 10000); printf '%s\\n' \"$s\"; exit 5"), events);

        events.expect(new Started(1));
        for (int i = 1; i <= 10_000; i++) {
            events.expect(new Line(1, Integer.toString(i)));
        }
        events.expect(new Exited(1, OptionalInt.of(5), Optional.of(Duration.ofMillis(500))));
    }

    @Test
    void dropsAnOverlongLineAndKeepsDeliveringTheNextOnes() throws InterruptedException {
        String atTheLimit = "x".repeat(1024);
        try (LogCapture log = LogCapture.of(StdoutLines.class.getName())) {
            supervisor.start(Children.bash("""
                    printf '%s\\n' "$(printf 'a%.0s' $(seq 5000))"
                    printf '%s\\n' "$(printf 'x%.0s' $(seq 1024))"
                    echo after
                    exec sleep 1000
                    """), events);

            events.expect(new Started(1));
            events.expect(new Line(1, atTheLimit));
            events.expect(new Line(1, "after"));
            assertEquals(List.of("WARNING [bash#1] dropped a stdout line of 5000 bytes (the limit is 1024)"),
                    log.lines());
        }
    }

    @Test
    void keepsDeliveringWhenTheConsumerThrows() throws InterruptedException {
        StdioChannel channel = supervisor.start(Children.bash(Children.ECHO), event -> {
            events.accept(event);
            if (event instanceof Line) {
                throw new IllegalStateException("planted consumer bug: this test checks that delivery goes on");
            }
        });
        events.expect(new Started(1));

        channel.send("first");
        channel.send("second");

        events.expect(new Line(1, "first"));
        events.expect(new Line(1, "second"));
    }

    @Test
    void refusesALineThatContainsALineTerminator() throws InterruptedException {
        StdioChannel channel = supervisor.start(Children.bash(Children.ECHO), events);
        events.expect(new Started(1));

        assertThrows(IllegalArgumentException.class, () -> channel.send("{}\n{}"));
        assertThrows(IllegalArgumentException.class, () -> channel.send("{}\r"));
        channel.send("still fine");
        events.expect(new Line(1, "still fine"));
    }

    @Test
    void deliversALastLineWithoutTerminatorBeforeTheExit() throws InterruptedException {
        StdioChannel channel = supervisor.start(Children.bash("printf 'partial'; exit 0"), events);

        events.expect(new Started(1));
        events.expect(new Line(1, "partial"));
        StdioEvent exited = events.next();
        assertEquals(new Exited(1, OptionalInt.of(0), Optional.of(Duration.ofMillis(500))), exited);
        assertEquals(List.of(), channel.recentStderr(10));
    }
}
