package live.catwalk.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import live.catwalk.core.mcp.domain.StdioEvent.Exited;
import live.catwalk.core.mcp.domain.StdioEvent.GaveUp;
import live.catwalk.core.mcp.domain.StdioEvent.Line;
import live.catwalk.core.mcp.domain.StdioEvent.Started;
import live.catwalk.core.mcp.port.out.StdioChannel;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.CatwalkException.Kind;
import live.catwalk.core.shared.domain.TelemetryEvent.ServerGaveUp;
import live.catwalk.core.shared.domain.TelemetryEvent.ServerRestarted;
import live.catwalk.core.shared.fakes.RecordingTelemetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestartIT {

    /** Echoes lines until it reads "crash", then exits with 3. */
    private static final String CRASH_ON_REQUEST =
            "while IFS= read -r l; do [ \"$l\" = crash ] && exit 3; printf '%s\\n' \"$l\"; done";

    private final RecordedEvents events = new RecordedEvents();
    private ProcessSupervisor supervisor;

    @AfterEach
    void closeEverything() {
        supervisor.closeAll();
    }

    @Test
    void restartsACrashedServerWithBackoffAsTheNextGeneration() throws InterruptedException {
        supervisor = Children.supervisor().backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)).build();
        StdioChannel channel = supervisor.start(Children.bash(CRASH_ON_REQUEST), events);
        events.expect(new Started(1));

        channel.send("crash");
        events.expect(new Exited(1, OptionalInt.of(3), Optional.of(Duration.ofSeconds(1))));
        assertFalse(channel.isRunning());
        assertUnavailable(channel);

        events.expect(new Started(2));
        assertTrue(channel.isRunning());
        channel.send("hello again");
        events.expect(new Line(2, "hello again"));

        channel.send("crash");
        events.expect(new Exited(2, OptionalInt.of(3), Optional.of(Duration.ofSeconds(2))));
    }

    @Test
    void givesUpAfterTheCrashLoopLimitAndRefusesToSend() throws InterruptedException {
        RecordingTelemetry telemetry = new RecordingTelemetry();
        supervisor = Children.supervisor()
                .backoff(Duration.ofMillis(20), Duration.ofSeconds(1))
                .crashLoop(3, Duration.ofMinutes(1))
                .telemetry(telemetry)
                .build();
        StdioChannel channel = supervisor.start(Children.bash("exit 3"), events);

        events.expect(new Started(1));
        events.expect(new Exited(1, OptionalInt.of(3), Optional.of(Duration.ofMillis(20))));
        events.expect(new Started(2));
        events.expect(new Exited(2, OptionalInt.of(3), Optional.of(Duration.ofMillis(40))));
        events.expect(new Started(3));
        events.expect(new Exited(3, OptionalInt.of(3), Optional.empty()));
        GaveUp gaveUp = events.next(GaveUp.class);

        assertEquals("'bash' ended 3 times within 60 s; it is not restarted again", gaveUp.reason());
        assertFalse(channel.isRunning());
        assertUnavailable(channel);
        assertEquals(List.of(new ServerRestarted(), new ServerRestarted(), new ServerGaveUp()), telemetry.events(),
                "two restarts (generations 2 and 3), then the give-up; the first start is no restart");
    }

    @Test
    void reportsTheExitOfAKilledChildWithinASecond() throws InterruptedException {
        supervisor = Children.supervisor().build();
        supervisor.start(Children.bash("echo $$; exec sleep 1000"), events);
        events.expect(new Started(1));
        long pid = Long.parseLong(events.next(Line.class).text());

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        assertEquals(new Exited(1, OptionalInt.of(137), Optional.of(Duration.ofMillis(500))),
                events.next(Duration.ofSeconds(1)));
        events.expect(new Started(2));
    }

    @Test
    void endsWhatACrashedServerLeftBehind() throws InterruptedException {
        supervisor = Children.supervisor().backoff(Duration.ofSeconds(30), Duration.ofSeconds(30)).build();
        supervisor.start(Children.bash("sleep 1000 & echo $!; sleep 0.5; exit 3"), events);
        events.expect(new Started(1));
        long orphan = Long.parseLong(events.next(Line.class).text());
        try {
            events.expect(new Exited(1, OptionalInt.of(3), Optional.of(Duration.ofSeconds(30))));

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (Children.isRunning(orphan) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(Children.isRunning(orphan), "the crashed server's child " + orphan + " still runs");
        } finally {
            Children.killIfRunning(List.of(orphan));
        }
    }

    private static void assertUnavailable(StdioChannel channel) {
        CatwalkException e = assertThrows(CatwalkException.class, () -> channel.send("{}"));
        assertEquals(Kind.UPSTREAM_UNAVAILABLE, e.kind());
    }
}
