package live.catwalk.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.mcp.domain.StdioEvent.Exited;
import live.catwalk.core.mcp.domain.StdioEvent.GaveUp;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crash reports its last stderr lines (masked, bounded) with its exit; a missing program says how to install it. */
class CrashStderrIT {

    private ProcessSupervisor supervisor;
    private final RecordedEvents events = new RecordedEvents();

    @TempDir
    Path dir;

    @AfterEach
    void closeEverything() {
        if (supervisor != null) {
            supervisor.closeAll();
        }
    }

    @Test
    void anExitCarriesTheLastFewStderrLinesWithSecretsMasked() throws InterruptedException {
        supervisor = Children.supervisor().backoff(Duration.ofMillis(20), Duration.ofSeconds(1))
                .crashLoop(2, Duration.ofMinutes(1)).build();
        supervisor.start(Children.bash("for i in 1 2 3 4 5 6 7; do echo \"line $i\" >&2; done;"
                + " echo \"Error: the key $FOO_API_KEY is refused\" >&2; exit 4",
                Map.of("FOO_API_KEY", "sk-very-secret")), events);

        Exited first = events.skipTo(Exited.class);
        assertEquals(OptionalInt.of(4), first.exitCode());
        assertEquals(List.of("line 4", "line 5", "line 6", "line 7", "Error: the key *** is refused"), first.stderr());
        Exited last = events.skipTo(Exited.class);
        assertEquals(Optional.empty(), last.restartIn());
        assertEquals("Error: the key *** is refused", last.stderr().getLast());
        assertEquals(Optional.empty(), events.skipTo(GaveUp.class).startFailure());
    }

    @Test
    void aStoppedServersExitCarriesNoStderr() throws InterruptedException {
        supervisor = Children.supervisor().build();
        var channel = supervisor.start(Children.bash("echo bye >&2; echo ready; exec sleep 1000"), events);
        events.skipToLine("ready");

        channel.close();

        assertEquals(List.of(), events.skipTo(Exited.class).stderr());
    }

    @Test
    void aMissingRuntimeProgramSaysHowToInstallItAndIsNotAvailable() {
        supervisor = Children.supervisor().baseEnvironment(Map.of("PATH", dir.toString())).build();

        CatwalkException missing = assertThrows(CatwalkException.class,
                () -> supervisor.start(new ServerCommand(List.of("uvx", "mcp-server-git"), Map.of()), events));

        assertEquals(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, missing.kind());
        assertEquals("uvx is not installed on this Catwalk host: install uv (https://docs.astral.sh/uv/) or put uvx "
                + "on Catwalk's PATH", missing.getMessage());
        assertFalse(supervisor.programs().available("uvx"));
    }

    @Test
    void aProgramOnThePathChildrenGetIsAvailable() throws IOException {
        Path uvx = Files.writeString(dir.resolve("uvx"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(uvx, PosixFilePermissions.fromString("rwxr-xr-x"));
        supervisor = Children.supervisor().baseEnvironment(Map.of("PATH", "/nonexistent:" + dir)).build();

        assertTrue(supervisor.programs().available("uvx"));
        assertTrue(supervisor.programs().available(uvx.toString()));
        assertFalse(supervisor.programs().available(dir.resolve("npx").toString()));
        assertFalse(supervisor.programs().available("npx"));
    }
}
