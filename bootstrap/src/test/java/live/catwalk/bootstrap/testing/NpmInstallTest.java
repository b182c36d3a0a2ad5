package live.catwalk.bootstrap.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link NpmInstall} against a fake npm that records its calls and creates a marker file. */
class NpmInstallTest {

    @TempDir
    Path dir;

    private Path source;
    private Path target;
    private Path calls;
    private Path marker;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void manifests() throws IOException {
        source = Files.createDirectories(dir.resolve("test-tools"));
        target = dir.resolve(".test-tools");
        calls = dir.resolve("calls.txt");
        marker = target.resolve("node_modules/marker");
        Files.writeString(source.resolve("package.json"), "{\"dependencies\":{}}");
        Files.writeString(source.resolve("package-lock.json"), "{\"lockfileVersion\":3}");
    }

    @Test
    void copiesTheManifestsRunsNpmCiAndReportsProgress() throws IOException {
        assertTrue(install(fakeNpm(0)));

        assertEquals(List.of("ci --no-audit --no-fund in " + target), Files.readAllLines(calls));
        assertEquals("{\"lockfileVersion\":3}", Files.readString(target.resolve("package-lock.json")));
        assertTrue(Files.exists(marker));
        String progress = log.toString(StandardCharsets.UTF_8);
        assertTrue(progress.contains("[test-tools] installing"), progress);
        assertTrue(progress.contains("[test-tools] npm: added 1 package"), progress);
        assertTrue(progress.contains("[test-tools] installed in"), progress);
    }

    @Test
    void skipsNpmWhileTheManifestsAreUnchanged() throws IOException {
        Path npm = fakeNpm(0);
        install(npm);

        assertFalse(install(npm));
        assertEquals(1, Files.readAllLines(calls).size());
    }

    @Test
    void reinstallsWhenTheLockChangesOrAnExpectedFileIsGone() throws IOException {
        Path npm = fakeNpm(0);
        install(npm);

        Files.writeString(source.resolve("package-lock.json"), "{\"lockfileVersion\":3,\"changed\":true}");
        assertTrue(install(npm));
        Files.delete(marker);
        assertTrue(install(npm));
        assertEquals(3, Files.readAllLines(calls).size());
    }

    @Test
    void aFailingNpmIsReportedWithItsExitCodeAndOutputAndNothingIsStamped() throws IOException {
        Path npm = fakeNpm(7);

        ToolsUnavailableException e = assertThrows(ToolsUnavailableException.class, () -> install(npm));

        assertTrue(e.getMessage().contains("exit code 7"), e.getMessage());
        assertTrue(e.getMessage().contains("ERR! network"), e.getMessage());
        assertFalse(Files.exists(target.resolve(NpmInstall.STAMP)));
    }

    @Test
    void aMissingNpmIsReportedSayingHowToGetIt() {
        Path nowhere = dir.resolve("no-such-npm");

        ToolsUnavailableException e = assertThrows(ToolsUnavailableException.class, () -> install(nowhere));

        assertTrue(e.getMessage().contains("need npm on PATH"), e.getMessage());
        assertTrue(e.getMessage().contains("install Node.js"), e.getMessage());
    }

    private boolean install(Path npm) {
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        return new NpmInstall(source, target, List.of(npm.toString()), out, Duration.ofSeconds(30)).run(List.of(marker));
    }

    /** A shell script that records "args in dir", creates the marker and exits with {@code exit}. */
    private Path fakeNpm(int exit) throws IOException {
        Path npm = dir.resolve("npm");
        String script = "#!/bin/sh\n"
                + "echo \"$* in $PWD\" >> '" + calls + "'\n"
                + (exit == 0
                        ? "mkdir -p node_modules && touch node_modules/marker && echo 'added 1 package in 0s'\n"
                        : "echo 'npm ERR! network' >&2\n")
                + "exit " + exit + "\n";
        Files.writeString(npm, script);
        Files.setPosixFilePermissions(npm, PosixFilePermissions.fromString("rwxr-xr-x"));
        return npm;
    }
}
