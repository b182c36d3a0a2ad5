package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second Catwalk on a home whose embedded database a running server holds is told who holds it and what to do. */
class HeldHomeIT {

    private static final Duration START = Duration.ofSeconds(30);
    /** Where the README says Catwalk keeps its pid (PidFile.NAME). */
    private static final String PID_FILE = "catwalk.pid";

    @TempDir
    Path temp;

    @Test
    void keysAndASecondServeNameTheRunningServerAndHowToGetOnButNotDatabaseUrl() throws Exception {
        Map<String, String> env = Map.of("CATWALK_HOME", temp.resolve("home").toString(), "CATWALK_PORT", "0");
        try (CatwalkProcess server = CatwalkProcess.start(env, "serve")) {
            server.awaitServing(START);
            assertTrue(Files.exists(temp.resolve("home").resolve(PID_FILE)));

            for (String[] command : new String[][] {{"keys", "status"}, {"serve"}}) {
                try (CatwalkProcess second = CatwalkProcess.start(env, command)) {
                    assertEquals(1, second.awaitExit(START), String.join(" ", command));
                    String err = second.stderrText();
                    assertTrue(err.contains("is open in another process"), err);
                    assertTrue(err.contains("It is held by process " + server.pid() + " ('catwalk serve')"), err);
                    assertTrue(err.contains("Stop that process first ('catwalk keys' cannot run while 'catwalk serve' "
                            + "holds the embedded database), or set CATWALK_HOME to another directory."), err);
                    assertFalse(err.contains("DATABASE_URL"), err);
                }
            }

            server.signal("TERM");
            assertNotEquals(-1, server.awaitExit(START), "still running after SIGTERM");
            assertFalse(Files.exists(temp.resolve("home").resolve(PID_FILE)), "a stopped server removes its pid file");
        }
        try (CatwalkProcess keys = CatwalkProcess.start(env, "keys", "status")) {
            assertEquals(0, keys.awaitExit(START), keys.stderrText());
        }
    }
}
